using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Postgres;

/// <summary>The temporal representation inside the write transaction: entity identities, series and instance rows.</summary>
internal sealed partial class PostgresEntityTransaction
{
    private readonly HashSet<string> _tracked = new(StringComparer.Ordinal);
    private readonly Dictionary<(string EntityId, string Attribute, string DatasetId), long> _sids = [];
    private readonly List<HistoryRow> _history = [];

    /// <summary>The months of history this work wrote, whose partitions exist once it commits.</summary>
    public List<DateTime> Months { get; } = [];

    /// <summary>An instance waiting to be written; <see cref="Deleted"/> marks the record of a deletion (it carries deletedAt).</summary>
    private readonly record struct HistoryRow(string EntityId, string Attribute, string? DatasetId, string Instance, DateTimeOffset? ObservedAt,
        DateTimeOffset RecordedAt, double? Number, bool Deleted);

    /// <summary>History rows are collected and written in one multi-row insert when the work item ends (<see cref="Flush"/>).</summary>
    public void AppendHistory(string entityId, string attribute, JsonObject instance, DateTimeOffset recordedAt)
    {
        var copy = instance;
        if (instance.ContainsKey(Members.InstanceId))
        {
            copy = (JsonObject)instance.DeepClone();
            copy.Remove(Members.InstanceId);
        }
        _history.Add(new HistoryRow(entityId, attribute, instance[Members.DatasetId] is JsonValue ds ? ds.GetValue<string>() : null, copy.ToJsonString(),
            Instant(TemporalTime.Observed(instance)), Truncate(recordedAt), TemporalTime.Number(instance), instance.ContainsKey(Members.DeletedAt)));
    }

    /// <summary>Instants as the database keeps them: to the microsecond, as the embedded store does.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset at) => TemporalTime.Instant(TemporalTime.Micros(at));

    private static DateTimeOffset? Instant(long? micros) => micros is { } m ? TemporalTime.Instant(m) : null;

    /// <summary>Writes what was collected; called by the store before the work item's savepoint is released.</summary>
    public void Flush()
    {
        if (_history.Count == 0) return;
        var rows = _history.ToList();
        _history.Clear();
        // Entities created before their first instance, or written by the temporal API alone, get their identity on first need.
        foreach (var entityId in rows.Select(r => r.EntityId).Distinct(StringComparer.Ordinal).Where(e => !_tracked.Contains(e)))
            if (!HasTemporal(entityId))
                TrackTemporalRow(entityId, (Get(entityId)?[Members.Type] as JsonArray)?.Select(t => t!.GetValue<string>()).ToArray() ?? [], null,
                    rows.First(r => r.EntityId == entityId).RecordedAt, keepScope: false);
        ResolveSeries(rows.Select(r => (r.EntityId, r.Attribute, r.DatasetId ?? "")).Where(k => !_sids.ContainsKey(k)).Distinct().ToList());
        Months.AddRange(partitions.Ensure(connection, transaction, rows.Select(r => r.RecordedAt)));
        using var insert = Command("""
            INSERT INTO temporal_instances (tenant, entity_id, sid, observed_at, created_at, modified_at, deleted_at, num, instance)
            SELECT @tenant, r.entity_id, r.sid, r.observed_at, r.recorded_at, r.recorded_at, CASE WHEN r.deleted THEN r.recorded_at END, r.num, r.instance::jsonb
            FROM unnest(@entities, @sids, @observed, @recorded, @deleted, @nums, @instances) AS r(entity_id, sid, observed_at, recorded_at, deleted, num, instance)
            """);
        insert.Parameters.AddWithValue("entities", rows.Select(r => r.EntityId).ToArray());
        insert.Parameters.AddWithValue("sids", rows.Select(r => _sids[(r.EntityId, r.Attribute, r.DatasetId ?? "")]).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("observed", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => r.ObservedAt).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("recorded", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => r.RecordedAt).ToArray() });
        insert.Parameters.AddWithValue("deleted", rows.Select(r => r.Deleted).ToArray());
        insert.Parameters.AddWithValue("nums", rows.Select(r => r.Number).ToArray());
        insert.Parameters.AddWithValue("instances", rows.Select(r => r.Instance).ToArray());
        insert.ExecuteNonQuery();
    }

    public void TrackTemporal(string entityId, JsonArray types, JsonNode? scope, DateTimeOffset at) =>
        TrackTemporalRow(entityId, types.Select(t => t!.GetValue<string>()).ToArray(), scope?.ToJsonString(), Truncate(at), keepScope: scope is null);

    private void TrackTemporal(JsonObject entity)
    {
        var created = entity[Members.CreatedAt] is JsonValue c && Validation.TryParseDateTime(c.GetValue<string>(), out var at) ? at : DateTimeOffset.UtcNow;
        TrackTemporalRow(entity[Members.Id]!.GetValue<string>(), TypesOf(entity), entity[Members.Scope]?.ToJsonString(), Truncate(created), keepScope: false);
    }

    /// <summary>Makes the identity, or refreshes its types (and scope unless kept) and undeletes it; its creation time stays.</summary>
    private void TrackTemporalRow(string entityId, string[] types, string? scope, DateTimeOffset at, bool keepScope)
    {
        using var upsert = Command($"""
            INSERT INTO temporal_entities (tenant, id, types, scope, created_at) VALUES (@tenant, @id, @types, @scope, @at)
            ON CONFLICT (tenant, id) DO UPDATE SET types = excluded.types, {(keepScope ? "" : "scope = excluded.scope, ")}deleted_at = NULL
            """);
        upsert.Parameters.AddWithValue("id", entityId);
        upsert.Parameters.AddWithValue("types", types);
        upsert.Parameters.Add(PostgresEntityStore.Jsonb("scope", scope));
        upsert.Parameters.AddWithValue("at", at);
        upsert.ExecuteNonQuery();
        _tracked.Add(entityId);
    }

    private bool HasTemporal(string entityId)
    {
        using var command = Command("SELECT 1 FROM temporal_entities WHERE tenant = @tenant AND id = @id");
        command.Parameters.AddWithValue("id", entityId);
        var known = command.ExecuteScalar() is not null;
        if (known) _tracked.Add(entityId);
        return known;
    }

    /// <summary>Finds or makes the series of many (entity, attribute, datasetId) keys in one statement.</summary>
    private void ResolveSeries(List<(string EntityId, string Attribute, string DatasetId)> keys)
    {
        if (keys.Count == 0) return;
        // The inserted rows come back from the INSERT; the existing ones from the SELECT, whose snapshot precedes the insert.
        using var command = Command("""
            WITH k AS (SELECT * FROM unnest(@entities, @attributes, @datasets) AS k(entity_id, attribute, dataset_id)),
                 made AS (INSERT INTO temporal_series (tenant, entity_id, attribute, dataset_id) SELECT @tenant, entity_id, attribute, dataset_id FROM k
                          ON CONFLICT DO NOTHING RETURNING entity_id, attribute, dataset_id, sid)
            SELECT entity_id, attribute, dataset_id, sid FROM made
            UNION ALL
            SELECT s.entity_id, s.attribute, s.dataset_id, s.sid FROM temporal_series s JOIN k
                ON s.tenant = @tenant AND s.entity_id = k.entity_id AND s.attribute = k.attribute AND s.dataset_id = k.dataset_id
            """);
        command.Parameters.AddWithValue("entities", keys.Select(k => k.EntityId).ToArray());
        command.Parameters.AddWithValue("attributes", keys.Select(k => k.Attribute).ToArray());
        command.Parameters.AddWithValue("datasets", keys.Select(k => k.DatasetId).ToArray());
        using var reader = command.ExecuteReader();
        while (reader.Read()) _sids[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = reader.GetInt64(3);
    }

    public JsonArray? TemporalTypes(string entityId)
    {
        using var command = Command("SELECT types FROM temporal_entities WHERE tenant = @tenant AND id = @id");
        command.Parameters.AddWithValue("id", entityId);
        return command.ExecuteScalar() is string[] types ? new JsonArray(types.Select(t => (JsonNode?)t).ToArray()) : null;
    }

    public void PutInstance(string entityId, string attribute, JsonObject instance, DateTimeOffset recordedAt)
    {
        AppendHistory(entityId, attribute, instance, recordedAt);
        var row = _history[^1];
        if (row.ObservedAt is not { } observed) return;
        _history.RemoveAt(_history.Count - 1);
        Flush();
        if (!HasTemporal(entityId)) throw new InvalidOperationException($"Entity {entityId} has no temporal representation.");
        var key = (entityId, attribute, row.DatasetId ?? "");
        if (!_sids.ContainsKey(key)) ResolveSeries([key]);
        using var update = Command("UPDATE temporal_instances SET modified_at = @at, num = @num, instance = @instance::jsonb WHERE sid = @sid AND observed_at = @observed");
        update.Parameters.AddWithValue("sid", _sids[key]);
        update.Parameters.AddWithValue("observed", observed);
        update.Parameters.AddWithValue("at", row.RecordedAt);
        update.Parameters.AddWithValue("num", (object?)row.Number ?? DBNull.Value);
        update.Parameters.AddWithValue("instance", row.Instance);
        if (update.ExecuteNonQuery() == 0) _history.Add(row);
    }

    public bool DeleteTemporal(string entityId)
    {
        Flush();
        if (!HasTemporal(entityId)) return false;
        foreach (var sql in new[]
        {
            "DELETE FROM temporal_instances WHERE tenant = @tenant AND entity_id = @id",
            "DELETE FROM temporal_series WHERE tenant = @tenant AND entity_id = @id",
            "DELETE FROM temporal_entities WHERE tenant = @tenant AND id = @id",
        })
        {
            using var command = Command(sql);
            command.Parameters.AddWithValue("id", entityId);
            command.ExecuteNonQuery();
        }
        _tracked.Remove(entityId);
        foreach (var key in _sids.Keys.Where(k => k.EntityId == entityId).ToList()) _sids.Remove(key);
        return true;
    }

    public int DeleteTemporalAttribute(string entityId, string attribute, string? datasetId, bool allDatasets)
    {
        Flush();
        if (!HasTemporal(entityId)) return 0;
        var series = "tenant = @tenant AND entity_id = @id AND attribute = @attribute" + (allDatasets ? "" : " AND dataset_id = @dataset");
        var deleted = 0;
        foreach (var sql in new[]
        {
            $"DELETE FROM temporal_instances WHERE tenant = @tenant AND entity_id = @id AND sid IN (SELECT sid FROM temporal_series WHERE {series})",
            $"DELETE FROM temporal_series WHERE {series}",
        })
        {
            using var command = Command(sql);
            command.Parameters.AddWithValue("id", entityId);
            command.Parameters.AddWithValue("attribute", attribute);
            command.Parameters.AddWithValue("dataset", datasetId ?? "");
            var rows = command.ExecuteNonQuery();
            if (deleted == 0) deleted = rows;
        }
        foreach (var key in _sids.Keys.Where(k => k.EntityId == entityId && k.Attribute == attribute).ToList()) _sids.Remove(key);
        return deleted;
    }

    public bool ReplaceInstance(string entityId, string attribute, string instanceId, JsonObject instance, DateTimeOffset at)
    {
        Flush();
        var copy = (JsonObject)instance.DeepClone();
        copy.Remove(Members.InstanceId);
        using var update = Command($"""
            UPDATE temporal_instances SET observed_at = @observed, modified_at = @at, num = @num, instance = @instance::jsonb
            WHERE {InstanceOf}
            """);
        BindInstance(update, entityId, attribute, instanceId);
        update.Parameters.Add(new NpgsqlParameter("observed", NpgsqlDbType.TimestampTz) { Value = (object?)Instant(TemporalTime.Observed(copy)) ?? DBNull.Value });
        update.Parameters.AddWithValue("at", Truncate(at));
        update.Parameters.AddWithValue("num", (object?)TemporalTime.Number(copy) ?? DBNull.Value);
        update.Parameters.AddWithValue("instance", copy.ToJsonString());
        return TemporalTime.InstanceRow(instanceId) is not null && update.ExecuteNonQuery() > 0;
    }

    public bool DeleteInstance(string entityId, string attribute, string instanceId)
    {
        Flush();
        using var delete = Command($"DELETE FROM temporal_instances WHERE {InstanceOf}");
        BindInstance(delete, entityId, attribute, instanceId);
        return TemporalTime.InstanceRow(instanceId) is not null && delete.ExecuteNonQuery() > 0;
    }

    /// <summary>The row of an instance, checked to belong to the entity and attribute named.</summary>
    private const string InstanceOf = """
        iid = @iid AND tenant = @tenant AND entity_id = @id
        AND sid IN (SELECT sid FROM temporal_series WHERE tenant = @tenant AND entity_id = @id AND attribute = @attribute)
        """;

    private static void BindInstance(NpgsqlCommand command, string entityId, string attribute, string instanceId)
    {
        command.Parameters.AddWithValue("iid", TemporalTime.InstanceRow(instanceId) ?? -1);
        command.Parameters.AddWithValue("id", entityId);
        command.Parameters.AddWithValue("attribute", attribute);
    }
}
