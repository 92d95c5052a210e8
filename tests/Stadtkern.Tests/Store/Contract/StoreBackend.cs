using Npgsql;
using Stadtkern.Postgres;
using Stadtkern.Sqlite;
using Stadtkern.Store;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>
/// One storage backend under the contract suite: a class fixture that owns an isolated place to store (a folder, a
/// database) and opens stores on it. A test opens its own store (and its own tenant), so tests of one class do not meet.
/// </summary>
public abstract class StoreBackend : IAsyncLifetime
{
    public abstract string Name { get; }

    /// <summary>Opens (and migrates) a store on this backend's place; the caller disposes it. Skips the test when the backend is missing.</summary>
    public abstract Task<IEntityStore> OpenAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public abstract Task DisposeAsync();
}

/// <summary>The embedded store in a temporary folder.</summary>
public sealed class SqliteBackend : StoreBackend
{
    private readonly TempDirectory _directory = new("contract");

    public override string Name => "sqlite";

    public override async Task<IEntityStore> OpenAsync()
    {
        var store = new SqliteEntityStore(_directory.Path);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public override Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The PostgreSQL store on a database of its own, made from the test cluster's template database (which has PostGIS) on
/// first use and dropped afterwards. Without a test cluster the tests skip, or fail with CI=true.
/// </summary>
public sealed class PostgresBackend : StoreBackend
{
    private string? _connection;
    private string? _database;

    public override string Name => "postgres";

    /// <summary>The connection string of this fixture's own database (made on first call).</summary>
    public async Task<string> ConnectionAsync()
    {
        if (_connection is not null) return _connection;
        var template = new NpgsqlConnectionStringBuilder(ExternalServices.Postgres());
        _database = $"stadtkern_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(Admin(template)))
        {
            await admin.OpenAsync();
            // Names are ours (a GUID, the template's name from our own script); CREATE DATABASE takes no parameters.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database} TEMPLATE \"{template.Database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return _connection = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Database = _database }.ConnectionString;
    }

    private static string Admin(NpgsqlConnectionStringBuilder template) =>
        new NpgsqlConnectionStringBuilder(template.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    public override async Task<IEntityStore> OpenAsync()
    {
        var store = new PostgresEntityStore(await ConnectionAsync());
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public override async Task DisposeAsync()
    {
        if (_database is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Admin(new NpgsqlConnectionStringBuilder(ExternalServices.Postgres())));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
