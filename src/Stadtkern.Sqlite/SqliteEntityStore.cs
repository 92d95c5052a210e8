using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

/// <summary>The embedded store: one SQLite file in WAL mode, a single group-committing writer and pooled readers.</summary>
public sealed partial class SqliteEntityStore : IEntityStore, IContextRegistry
{
    private readonly string _connectionString;
    private readonly string _path;
    private GroupCommitWriter? _writer;

    public SqliteEntityStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        _path = Path.GetFullPath(Path.Combine(dataDirectory, "stadtkern.db"));
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public string Description => $"SQLite (embedded) at {_path}";

    /// <summary>The schema version after <see cref="InitializeAsync"/>.</summary>
    public int SchemaVersion { get; private set; }

    public Task InitializeAsync(CancellationToken cancellation)
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            connection.Open();
            SchemaVersion = SqliteSchema.Migrate(connection);
        }
        _writer = new GroupCommitWriter(_connectionString, capacity: 10_000);
        return Task.CompletedTask;
    }

    private GroupCommitWriter Writer => _writer ?? throw new InvalidOperationException("The store is not initialised.");

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public async Task<JsonObject?> GetAsync(string tenant, string id, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM entities WHERE tenant = $tenant AND id = $id";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellation) is string body ? (JsonObject)JsonNode.Parse(body)! : null;
    }

    public Task<T> WriteAsync<T>(string tenant, Func<IEntityTransaction, T> work, CancellationToken cancellation) =>
        Writer.RunAsync((_, transaction) =>
        {
            var tx = new SqliteEntityTransaction(Writer.Commands, transaction, tenant);
            var result = work(tx);
            tx.Flush();
            return result;
        }, cancellation);

    public async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT tenant FROM entity_types UNION SELECT DISTINCT tenant FROM temporal_entities";
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) result.Add(reader.GetString(0));
        return result;
    }

    public async Task<IReadOnlyList<(string Tenant, string Type, long Count)>> CountsAsync(CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant, type, COUNT(*) FROM entity_types GROUP BY tenant, type ORDER BY tenant, type";
        var result = new List<(string, string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) result.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return result;
    }

    public async Task<IReadOnlyList<TypeUsage>> TypesAsync(string tenant, CancellationToken cancellation)
    {
        var usage = new Dictionary<string, (long Count, Dictionary<string, HashSet<string>> Attributes)>(StringComparer.Ordinal);
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM entities WHERE tenant = $tenant ORDER BY seq";
        command.Parameters.AddWithValue("$tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var entity = (JsonObject)JsonNode.Parse(reader.GetString(0))!;
            foreach (var type in (entity[Members.Type] as JsonArray ?? []).Select(t => t!.GetValue<string>()))
            {
                if (!usage.TryGetValue(type, out var entry)) entry = (0, new Dictionary<string, HashSet<string>>(StringComparer.Ordinal));
                foreach (var (name, value) in entity)
                {
                    if (Members.EntityReserved.Contains(name) || value is not JsonArray instances) continue;
                    if (!entry.Attributes.TryGetValue(name, out var kinds)) entry.Attributes[name] = kinds = [];
                    foreach (var i in instances.OfType<JsonObject>()) kinds.Add(i[Members.Type]?.GetValue<string>() ?? AttributeTypes.Property);
                }
                usage[type] = (entry.Count + 1, entry.Attributes);
            }
        }
        return usage.Select(u => new TypeUsage(u.Key, u.Value.Count,
            u.Value.Attributes.ToDictionary(a => a.Key, a => (IReadOnlySet<string>)a.Value, StringComparer.Ordinal))).ToList();
    }

    public async Task<IReadOnlyDictionary<string, long>> AttributeCountsAsync(string tenant, CancellationToken cancellation)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM entities WHERE tenant = $tenant";
        command.Parameters.AddWithValue("$tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var entity = (JsonObject)JsonNode.Parse(reader.GetString(0))!;
            foreach (var (name, value) in entity)
                if (!Members.EntityReserved.Contains(name) && value is JsonArray instances)
                    counts[name] = counts.GetValueOrDefault(name) + instances.Count;
        }
        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
