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

    [SkippableFact]
    public async Task A_server_on_a_database_with_a_newer_schema_than_the_program_knows_refuses_to_start()
    {
        // A database of its own: the other test of the class migrates the fixture's.
        var own = new PostgresBackend();
        try
        {
            await RefusedAsync(await own.ConnectionAsync());
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    private static async Task RefusedAsync(string connection)
    {
        Assert.Equal(0, (await CliTests.RunAsync("migrate", "--store", "postgres", "--connection", connection)).ExitCode);
        await using (var database = new Npgsql.NpgsqlConnection(connection))
        {
            await database.OpenAsync();
            await using var newer = new Npgsql.NpgsqlCommand("INSERT INTO schema_version (version) VALUES (999)", database);
            await newer.ExecuteNonQueryAsync();
        }

        using var directory = new TempDirectory("newer-schema");
        var (exitCode, output, error) = await CliTests.RunAsync("serve", "--store", "postgres", "--connection", connection,
            "--urls", "http://127.0.0.1:0", "--mqtt-port", "0", "--data", directory.Path);

        Assert.Equal(2, exitCode);
        Assert.Contains("newer than this Stadtkern knows", error);
        Assert.DoesNotContain("   at ", error + output);
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
