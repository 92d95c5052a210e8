using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Postgres;

/// <summary>
/// The store on PostgreSQL 15 with PostGIS: entity bodies as JSONB, a value index for q, geometries under GiST, history in
/// monthly partitions. Reads go through a pooled data source; writes through the node's group-committing writer.
/// </summary>
public sealed partial class PostgresEntityStore : IEntityStore, IContextRegistry
{
    private readonly NpgsqlDataSource _source;
    private readonly string _connectionString;
    private readonly string _description;
    private PostgresWriter? _writer;

    /// <summary>Opens nothing yet; a connection string that cannot be parsed is refused here with <see cref="ArgumentException"/>.</summary>
    public PostgresEntityStore(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        // Statements used over and over (the writer's, the readers') are prepared on the server automatically.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        _description = $"PostgreSQL at {builder.ConnectionStringBuilder.Host}:{builder.ConnectionStringBuilder.Port}/{builder.ConnectionStringBuilder.Database}";
        _source = builder.Build();
        _connectionString = connectionString;
    }

    public string Description => _description;

    /// <summary>This process among the nodes that share the database: the sender of its notices and the holder of its leases.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The coordination of this node with the others on the same database (a connection of its own, opened by its run).</summary>
    public Nodes.INodeCoordination Coordination(TimeSpan leaderPoll) => new PostgresNodeCoordination(_connectionString, NodeId, leaderPoll);

    /// <summary>The schema version after <see cref="InitializeAsync"/> or <see cref="MigrateAsync"/>.</summary>
    public int SchemaVersion { get; private set; }

    internal HistoryPartitions Partitions { get; } = new();

    public async Task InitializeAsync(CancellationToken cancellation)
    {
        await MigrateAsync(cancellation);
        _writer = new PostgresWriter(_source, NodeId, capacity: 10_000);
    }

    /// <summary>Runs the migrations only (<c>stadtkern migrate</c>); returns the schema version.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellation) =>
        SchemaVersion = await PostgresSchema.MigrateAsync(_source, cancellation);

    private PostgresWriter Writer => _writer ?? throw new InvalidOperationException("The store is not initialised.");

    /// <summary>A command on a pooled connection that is closed with the command's reader or scalar.</summary>
    internal NpgsqlCommand Read(string sql) => _source.CreateCommand(sql);

    public async Task<JsonObject?> GetAsync(string tenant, string id, CancellationToken cancellation)
    {
        await using var command = Read("SELECT body::text FROM entities WHERE tenant = @tenant AND id = @id");
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellation) is string body ? (JsonObject)JsonNode.Parse(body)! : null;
    }

    public async Task<T> WriteAsync<T>(string tenant, Func<IEntityTransaction, T> work, CancellationToken cancellation)
    {
        PostgresEntityTransaction? done = null;
        var result = await Writer.RunAsync((connection, transaction) =>
        {
            var tx = new PostgresEntityTransaction(connection, transaction, tenant, Partitions, Writer);
            var result = work(tx);
            tx.Flush();
            done = tx;
            return result;
        }, cancellation);
        // Only now, committed, do the history partitions the work made count as made.
        Partitions.Confirm(done!.Months);
        return result;
    }

    /// <summary>Runs store-level work (subscriptions, rules, contexts) on the writer, durably.</summary>
    private Task<T> WriteAsync<T>(Func<Func<string, NpgsqlCommand>, T> work, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) => work(sql => new NpgsqlCommand(sql, connection, transaction)), cancellation);

    /// <summary>Runs store-level work as <see cref="WriteAsync{T}(Func{Func{string, NpgsqlCommand}, T}, CancellationToken)"/> and tells the other nodes at commit what it changed.</summary>
    private Task<T> WriteAndAnnounceAsync<T>(Nodes.NodeNoticeKind kind, string? tenant, string? id, Func<Func<string, NpgsqlCommand>, T> work,
        CancellationToken cancellation) =>
        WriteAsync(command =>
        {
            var result = work(command);
            PostgresNotices.Announce(command, NodeId, kind, tenant, id);
            return result;
        }, cancellation);

    public async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellation)
    {
        await using var command = Read("SELECT DISTINCT tenant FROM entities UNION SELECT DISTINCT tenant FROM temporal_entities ORDER BY 1");
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) result.Add(reader.GetString(0));
        return result;
    }

    public async Task<IReadOnlyList<(string Tenant, string Type, long Count)>> CountsAsync(CancellationToken cancellation)
    {
        await using var command = Read("SELECT tenant, type, COUNT(*) FROM entities, unnest(types) AS type GROUP BY tenant, type ORDER BY tenant, type");
        var result = new List<(string, string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) result.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return result;
    }

    /// <summary>Types in order of first use, each with its entity count and the kinds of instance each attribute has, summed up by the database.</summary>
    public async Task<IReadOnlyList<TypeUsage>> TypesAsync(string tenant, CancellationToken cancellation)
    {
        await using var command = Read("""
            WITH typed AS (SELECT e.seq, e.body, t.type FROM entities e, unnest(e.types) AS t(type) WHERE e.tenant = @tenant),
                 kinds AS (
                     SELECT typed.type, a.key AS attribute, COALESCE(array_agg(DISTINCT COALESCE(i.value->>'type', @property)) FILTER (WHERE i.value IS NOT NULL), '{}') AS kinds
                     FROM typed
                     CROSS JOIN LATERAL jsonb_each(typed.body) a
                     LEFT JOIN LATERAL jsonb_array_elements(CASE jsonb_typeof(a.value) WHEN 'array' THEN a.value ELSE '[]' END) i ON jsonb_typeof(i.value) = 'object'
                     WHERE jsonb_typeof(a.value) = 'array' AND NOT a.key = ANY(@reserved)
                     GROUP BY typed.type, a.key)
            SELECT typed.type, COUNT(*), MIN(typed.seq),
                   COALESCE((SELECT jsonb_object_agg(k.attribute, to_jsonb(k.kinds)) FROM kinds k WHERE k.type = typed.type), '{}')::text
            FROM typed GROUP BY typed.type ORDER BY 3
            """);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("property", AttributeTypes.Property);
        command.Parameters.AddWithValue("reserved", Members.EntityReserved.ToArray());
        var result = new List<TypeUsage>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var attributes = ((JsonObject)JsonNode.Parse(reader.GetString(3))!).ToDictionary(a => a.Key,
                a => (IReadOnlySet<string>)a.Value!.AsArray().Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
            result.Add(new TypeUsage(reader.GetString(0), reader.GetInt64(1), attributes));
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<string, long>> AttributeCountsAsync(string tenant, CancellationToken cancellation)
    {
        await using var command = Read("""
            SELECT a.key, SUM(jsonb_array_length(CASE jsonb_typeof(a.value) WHEN 'array' THEN a.value ELSE '[]' END))::bigint FROM entities e CROSS JOIN LATERAL jsonb_each(e.body) a
            WHERE e.tenant = @tenant AND jsonb_typeof(a.value) = 'array' AND NOT a.key = ANY(@reserved) GROUP BY a.key
            """);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("reserved", Members.EntityReserved.ToArray());
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>A JSON text as a JSONB parameter value.</summary>
    internal static NpgsqlParameter Jsonb(string name, string? json) =>
        new(name, NpgsqlDbType.Jsonb) { Value = json is null ? DBNull.Value : json };

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        await _source.DisposeAsync();
    }
}
