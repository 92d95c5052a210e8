using Stadtkern.Tests.Store.Contract;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Cli;

/// <summary><c>stadtkern migrate</c> and the <c>--store</c>/<c>--connection</c> flags: the schema version, and one clear sentence with exit code 2 when the store cannot be had.</summary>
public sealed class StoreSelectionCliTests(PostgresBackend postgres) : IClassFixture<PostgresBackend>
{
    [Fact]
    public async Task Migrate_brings_an_embedded_store_to_the_latest_schema_and_says_so()
    {
        using var directory = new TempDirectory("migrate");

        var (exitCode, output, _) = await CliTests.RunAsync("migrate", "--data", directory.Path);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"SQLite \(embedded\) at .*: schema version \d+", output);
    }

    [SkippableFact]
    public async Task Migrate_brings_a_postgres_database_to_the_latest_schema_and_a_second_run_changes_nothing()
    {
        var connection = await postgres.ConnectionAsync();

        var first = await CliTests.RunAsync("migrate", "--store", "postgres", "--connection", connection);
        var second = await CliTests.RunAsync("migrate", "--store", "postgres", "--connection", connection);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"schema version {Postgres.PostgresSchema.Latest}", first.Output);
        Assert.Equal(first.Output, second.Output);
    }

    [Theory]
    [InlineData("Cannot open the store", "serve", "--store", "postgres", "--connection", "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=5")]
    [InlineData("Cannot open the store", "migrate", "--store", "postgres", "--connection", "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=5")]
    [InlineData("connection string is not valid", "migrate", "--store", "postgres", "--connection", "Hots=localhost")]
    [InlineData("needs --connection", "demo", "--store", "postgres")]
    [InlineData("Unknown store 'mongo'", "serve", "--store", "mongo")]
    public async Task A_store_that_cannot_be_had_ends_the_command_with_one_sentence_and_exit_code_2(string said, params string[] arguments)
    {
        using var directory = new TempDirectory("store-choice");

        var (exitCode, output, error) = await CliTests.RunAsync([.. arguments, "--data", directory.Path]);

        Assert.Equal(2, exitCode);
        Assert.Contains(said, error);
        Assert.DoesNotContain("   at ", error + output);
    }
}
