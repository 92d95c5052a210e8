using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Stadtkern.Tests.Support;

/// <summary>
/// Runs the in-process brokers of the tests on PostgreSQL instead of SQLite when <c>STADTKERN_TEST_STORE=postgres</c>
/// (with the test cluster of <c>STADTKERN_TEST_POSTGRES</c>): each data directory gets a database of its own, made from
/// the cluster's template, so a broker restarted on the same directory finds its data again. A database is dropped with
/// its <see cref="TempDirectory"/>, or else at the end of the test run.
/// </summary>
public static class TestDatabases
{
    private static readonly ConcurrentDictionary<string, bool> Made = new(StringComparer.Ordinal);

    static TestDatabases() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var database in Made.Keys) Drop(database);
    };

    /// <summary>Whether the brokers of this test run use PostgreSQL.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable("STADTKERN_TEST_STORE") == "postgres";

    /// <summary>Skips a test of the embedded store's own files or commands when the brokers run on PostgreSQL.</summary>
    public static void SkipWhenEnabled(string because) =>
        Skip.If(Enabled, $"STADTKERN_TEST_STORE=postgres, and this test is about the embedded store: {because}.");

    /// <summary>Points the options at the database of <paramref name="dataDirectory"/> when the run uses PostgreSQL.</summary>
    public static void Apply(StadtkernOptions options, string dataDirectory)
    {
        if (!Enabled) return;
        var template = new NpgsqlConnectionStringBuilder(ExternalServices.Postgres());
        var database = NameOf(dataDirectory);
        if (Made.TryAdd(database, true))
        {
            using var admin = Admin();
            // The name is a hash of ours; CREATE DATABASE takes no parameters.
            using var create = new NpgsqlCommand($"CREATE DATABASE {database} TEMPLATE \"{template.Database}\"", admin);
            try
            {
                create.ExecuteNonQuery();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Made by an earlier broker on the same directory.
            }
        }
        options.Store = "postgres";
        options.Connection = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>Drops the database of a data directory that is being deleted.</summary>
    public static void Forget(string dataDirectory)
    {
        if (Enabled && Made.TryRemove(NameOf(dataDirectory), out _)) Drop(NameOf(dataDirectory));
    }

    private static string NameOf(string dataDirectory) =>
        "stadtkern_broker_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..20];

    private static NpgsqlConnection Admin()
    {
        var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ExternalServices.Postgres()) { Database = "postgres", Pooling = false }.ConnectionString);
        admin.Open();
        return admin;
    }

    private static void Drop(string database)
    {
        using var admin = Admin();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
