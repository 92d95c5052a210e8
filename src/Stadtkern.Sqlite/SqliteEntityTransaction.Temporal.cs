using System.Text.Json.Nodes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

/// <summary>The temporal representation inside the write transaction: entity identities, series and instance rows.</summary>
internal sealed partial class SqliteEntityTransaction
{
    private readonly Dictionary<string, long> _tids = new(StringComparer.Ordinal);
    private readonly HashSet<long> _newTids = [];
    private readonly Dictionary<(long Tid, string Attribute, string DatasetId), long> _sids = [];
    private readonly List<HistoryRow> _history = [];

    /// <summary>An instance waiting to be written; <see cref="Deleted"/> marks the record of a deletion (it carries deletedAt).</summary>
    private readonly record struct HistoryRow(string EntityId, string Attribute, string? DatasetId, string Instance, long? ObservedAt, long RecordedAt, double? Number, bool Deleted);

    /// <summary>History rows are collected and written in multi-row inserts when the work item ends (<see cref="Flush"/>).</summary>
    public void AppendHistory(string entityId, string attribute, JsonObject instance, DateTimeOffset recordedAt)
    {
        var copy = instance;
        if (instance.ContainsKey(Members.InstanceId))
        {
            copy = (JsonObject)instance.DeepClone();
            copy.Remove(Members.InstanceId);
        }
        _history.Add(new HistoryRow(entityId, attribute, instance[Members.DatasetId] is JsonValue ds ? ds.GetValue<string>() : null, copy.ToJsonString(),
            TemporalTime.Observed(instance), TemporalTime.Micros(recordedAt), TemporalTime.Number(instance), instance.ContainsKey(Members.DeletedAt)));
    }

    /// <summary>Writes what was collected; called by the store before the work item's savepoint is released.</summary>
    public void Flush()
    {
        if (_history.Count == 0) return;
        var keyed = new List<((long Tid, string Attribute, string DatasetId) Key, HistoryRow Row)>(_history.Count);
        foreach (var row in _history)
        {
            var (entityId, attribute, datasetId, _, _, recorded, _, _) = row;
            // Entities created before the temporal tables existed, or without attributes, get their row on first need.
            var tid = Tid(entityId) ?? TrackTemporalRow(entityId, (Get(entityId)?[Members.Type] as JsonArray)?.ToJsonString() ?? "[]", null, recorded);
            keyed.Add(((tid, attribute, datasetId ?? ""), row));
        }
        _history.Clear();
        ResolveSeries(keyed.Select(k => k.Key).Where(k => !_sids.ContainsKey(k)).Distinct().ToList());
        var rows = keyed.Select(k => (Sid: _sids[k.Key], k.Row)).ToList();
        for (var start = 0; start < rows.Count; start += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, rows.Count - start);
            var command = Command("INSERT INTO temporal_instances (sid, observed_at, created_at, modified_at, deleted_at, num, instance) VALUES "
                + string.Join(',', Enumerable.Range(0, count).Select(i => $"($sid{i}, $obs{i}, $at{i}, $at{i}, $del{i}, $num{i}, $instance{i})")));
            for (var i = 0; i < count; i++)
            {
                var (sid, row) = rows[start + i];
                command.Parameters.AddWithValue($"$sid{i}", sid);
                command.Parameters.AddWithValue($"$obs{i}", row.ObservedAt is { } o ? o : DBNull.Value);
                command.Parameters.AddWithValue($"$at{i}", row.RecordedAt);
                command.Parameters.AddWithValue($"$del{i}", row.Deleted ? row.RecordedAt : DBNull.Value);
                command.Parameters.AddWithValue($"$num{i}", row.Number is { } n ? n : DBNull.Value);
                command.Parameters.AddWithValue($"$instance{i}", row.Instance);
            }
            command.ExecuteNonQuery();
        }
    }

    public void TrackTemporal(string entityId, JsonArray types, JsonNode? scope, DateTimeOffset at) =>
        TrackTemporalRow(entityId, types.ToJsonString(), scope?.ToJsonString(), TemporalTime.Micros(at), keepScope: scope is null);

    private void TrackTemporal(JsonObject entity)
    {
        var created = entity[Members.CreatedAt] is JsonValue c && Validation.TryParseDateTime(c.GetValue<string>(), out var at) ? at : DateTimeOffset.UtcNow;
        TrackTemporalRow(entity[Members.Id]!.GetValue<string>(), (entity[Members.Type] as JsonArray)?.ToJsonString() ?? "[]",
            entity[Members.Scope]?.ToJsonString(), TemporalTime.Micros(created));
    }

    private long TrackTemporalRow(string entityId, string types, string? scope, long at, bool keepScope = false)
    {
        long tid;
        var known = Tid(entityId);
        if (known is { } existing)
        {
            tid = existing;
            var update = Command(keepScope
                ? "UPDATE temporal_entities SET types = $types, deleted_at = NULL WHERE tid = $tid"
                : "UPDATE temporal_entities SET types = $types, scope = $scope, deleted_at = NULL WHERE tid = $tid");
            update.Parameters.AddWithValue("$types", types);
            if (!keepScope) update.Parameters.AddWithValue("$scope", scope is null ? DBNull.Value : scope);
            update.Parameters.AddWithValue("$tid", tid);
            update.ExecuteNonQuery();
            var clear = Command("DELETE FROM temporal_types WHERE tid = $tid");
            clear.Parameters.AddWithValue("$tid", tid);
            clear.ExecuteNonQuery();
        }
        else
        {
            var insert = Command("INSERT INTO temporal_entities (tenant, id, types, scope, created_at) VALUES ($tenant, $id, $types, $scope, $at)");
            insert.Parameters.AddWithValue("$id", entityId);
            insert.Parameters.AddWithValue("$types", types);
            insert.Parameters.AddWithValue("$scope", scope is null ? DBNull.Value : scope);
            insert.Parameters.AddWithValue("$at", at);
            insert.ExecuteNonQuery();
            tid = LastRowId();
            _newTids.Add(tid);
        }
        _tids[entityId] = tid;
        foreach (var type in JsonNode.Parse(types)!.AsArray())
        {
            var insert = Command("INSERT OR IGNORE INTO temporal_types (tenant, type, tid) VALUES ($tenant, $type, $tid)");
            insert.Parameters.AddWithValue("$type", type!.GetValue<string>());
            insert.Parameters.AddWithValue("$tid", tid);
            insert.ExecuteNonQuery();
        }
        return tid;
    }

    private long? Tid(string entityId)
    {
        if (_tids.TryGetValue(entityId, out var known)) return known;
        var command = Command("SELECT tid FROM temporal_entities WHERE tenant = $tenant AND id = $id");
        command.Parameters.AddWithValue("$id", entityId);
        if (command.ExecuteScalar() is not long tid) return null;
        _tids[entityId] = tid;
        return tid;
    }

    /// <summary>
    /// Finds or makes the series of many (entity, attribute, datasetId) keys in a few statements: one lookup per group of
    /// entities (skipped for entities made in this transaction, which have none yet), then multi-row inserts for the rest.
    /// </summary>
    private void ResolveSeries(List<(long Tid, string Attribute, string DatasetId)> keys)
    {
        if (keys.Count == 0) return;
        var wanted = keys.ToHashSet();
        foreach (var chunk in keys.Select(k => k.Tid).Where(t => !_newTids.Contains(t)).Distinct().Chunk(100))
        {
            var select = Command("SELECT tid, attribute, dataset_id, sid FROM temporal_series WHERE tid IN ("
                + string.Join(',', chunk.Select((_, i) => $"$t{i}")) + ")");
            for (var i = 0; i < chunk.Length; i++) select.Parameters.AddWithValue($"$t{i}", chunk[i]);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
                if (wanted.Contains(key)) _sids[key] = reader.GetInt64(3);
            }
        }
        var missing = keys.Where(k => !_sids.ContainsKey(k)).ToList();
        for (var start = 0; start < missing.Count; start += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, missing.Count - start);
            var insert = Command("INSERT INTO temporal_series (tid, attribute, dataset_id) VALUES "
                + string.Join(',', Enumerable.Range(0, count).Select(i => $"($t{i}, $a{i}, $d{i})")) + " RETURNING tid, attribute, dataset_id, sid");
            for (var i = 0; i < count; i++)
            {
                var (tid, attribute, datasetId) = missing[start + i];
                insert.Parameters.AddWithValue($"$t{i}", tid);
                insert.Parameters.AddWithValue($"$a{i}", attribute);
                insert.Parameters.AddWithValue($"$d{i}", datasetId);
            }
            using var reader = insert.ExecuteReader();
            while (reader.Read()) _sids[(reader.GetInt64(0), reader.GetString(1), reader.GetString(2))] = reader.GetInt64(3);
        }
    }

    public JsonArray? TemporalTypes(string entityId)
    {
        if (Tid(entityId) is not { } tid) return null;
        var command = Command("SELECT types FROM temporal_entities WHERE tid = $tid");
        command.Parameters.AddWithValue("$tid", tid);
        return command.ExecuteScalar() is string types ? JsonNode.Parse(types)!.AsArray() : null;
    }

    public void PutInstance(string entityId, string attribute, JsonObject instance, DateTimeOffset recordedAt)
    {
        AppendHistory(entityId, attribute, instance, recordedAt);
        var row = _history[^1];
        if (row.ObservedAt is not { } observed) return;
        _history.RemoveAt(_history.Count - 1);
        Flush();
        var tid = Tid(entityId) ?? throw new InvalidOperationException($"Entity {entityId} has no temporal representation.");
        var key = (tid, attribute, row.DatasetId ?? "");
        if (!_sids.ContainsKey(key)) ResolveSeries([key]);
        var sid = _sids[key];
        var update = Command("UPDATE temporal_instances SET modified_at = $at, num = $num, instance = $instance WHERE sid = $sid AND observed_at = $obs");
        update.Parameters.AddWithValue("$sid", sid);
        update.Parameters.AddWithValue("$obs", observed);
        update.Parameters.AddWithValue("$at", row.RecordedAt);
        update.Parameters.AddWithValue("$num", row.Number is { } n ? n : DBNull.Value);
        update.Parameters.AddWithValue("$instance", row.Instance);
        if (update.ExecuteNonQuery() == 0) _history.Add(row);
    }

    public bool DeleteTemporal(string entityId)
    {
        Flush();
        if (Tid(entityId) is not { } tid) return false;
        foreach (var sql in new[]
        {
            "DELETE FROM temporal_instances WHERE sid IN (SELECT sid FROM temporal_series WHERE tid = $tid)",
            "DELETE FROM temporal_series WHERE tid = $tid",
            "DELETE FROM temporal_types WHERE tid = $tid",
            "DELETE FROM temporal_entities WHERE tid = $tid",
        })
        {
            var command = Command(sql);
            command.Parameters.AddWithValue("$tid", tid);
            command.ExecuteNonQuery();
        }
        _tids.Remove(entityId);
        foreach (var key in _sids.Keys.Where(k => k.Tid == tid).ToList()) _sids.Remove(key);
        return true;
    }

    public int DeleteTemporalAttribute(string entityId, string attribute, string? datasetId, bool allDatasets)
    {
        Flush();
        if (Tid(entityId) is not { } tid) return 0;
        var series = allDatasets ? "tid = $tid AND attribute = $attr" : "tid = $tid AND attribute = $attr AND dataset_id = $ds";
        var deleted = 0;
        foreach (var sql in new[]
        {
            $"DELETE FROM temporal_instances WHERE sid IN (SELECT sid FROM temporal_series WHERE {series})",
            $"DELETE FROM temporal_series WHERE {series}",
        })
        {
            var command = Command(sql);
            command.Parameters.AddWithValue("$tid", tid);
            command.Parameters.AddWithValue("$attr", attribute);
            command.Parameters.AddWithValue("$ds", datasetId ?? "");
            var rows = command.ExecuteNonQuery();
            if (deleted == 0) deleted = rows;
        }
        foreach (var key in _sids.Keys.Where(k => k.Tid == tid && k.Attribute == attribute).ToList()) _sids.Remove(key);
        return deleted;
    }

    public bool ReplaceInstance(string entityId, string attribute, string instanceId, JsonObject instance, DateTimeOffset at)
    {
        Flush();
        if (InstanceRow(entityId, attribute, instanceId) is not { } iid) return false;
        var copy = (JsonObject)instance.DeepClone();
        copy.Remove(Members.InstanceId);
        var update = Command("UPDATE temporal_instances SET observed_at = $obs, modified_at = $at, num = $num, instance = $instance WHERE iid = $iid");
        update.Parameters.AddWithValue("$obs", TemporalTime.Observed(copy) is { } o ? o : DBNull.Value);
        update.Parameters.AddWithValue("$at", TemporalTime.Micros(at));
        update.Parameters.AddWithValue("$num", TemporalTime.Number(copy) is { } n ? n : DBNull.Value);
        update.Parameters.AddWithValue("$instance", copy.ToJsonString());
        update.Parameters.AddWithValue("$iid", iid);
        update.ExecuteNonQuery();
        return true;
    }

    public bool DeleteInstance(string entityId, string attribute, string instanceId)
    {
        Flush();
        if (InstanceRow(entityId, attribute, instanceId) is not { } iid) return false;
        var delete = Command("DELETE FROM temporal_instances WHERE iid = $iid");
        delete.Parameters.AddWithValue("$iid", iid);
        delete.ExecuteNonQuery();
        return true;
    }

    /// <summary>The row of an instance, checked to belong to the entity and attribute named.</summary>
    private long? InstanceRow(string entityId, string attribute, string instanceId)
    {
        if (TemporalTime.InstanceRow(instanceId) is not { } iid) return null;
        var command = Command("""
            SELECT i.iid FROM temporal_instances i
            JOIN temporal_series s ON s.sid = i.sid JOIN temporal_entities t ON t.tid = s.tid
            WHERE i.iid = $iid AND s.attribute = $attr AND t.tenant = $tenant AND t.id = $id
            """);
        command.Parameters.AddWithValue("$iid", iid);
        command.Parameters.AddWithValue("$attr", attribute);
        command.Parameters.AddWithValue("$id", entityId);
        return command.ExecuteScalar() as long?;
    }
}
