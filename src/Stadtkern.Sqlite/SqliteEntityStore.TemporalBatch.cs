using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

public sealed partial class SqliteEntityStore
{
    /// <summary>
    /// The series of many entities at once, in two statements: their series, then their instances (for a per-series limit,
    /// each series' own index range with its LIMIT, inside the one statement). A page of a thousand entities is two round
    /// trips into SQLite, not two thousand.
    /// </summary>
    private static Dictionary<long, List<TemporalSeries>> ReadSeriesBatch(SqliteConnection connection, IReadOnlyList<long> tids, TemporalQuery query)
    {
        var result = tids.ToDictionary(t => t, _ => new List<TemporalSeries>());
        var series = new List<(long Tid, long Sid, string Attribute, string DatasetId)>();
        using (var command = connection.CreateCommand())
        {
            var sql = new StringBuilder("SELECT tid, sid, attribute, dataset_id FROM temporal_series WHERE tid IN (")
                .AppendJoin(',', tids.Select((_, i) => $"$t{i}")).Append(')');
            for (var i = 0; i < tids.Count; i++) command.Parameters.AddWithValue($"$t{i}", tids[i]);
            if (query.Attributes is { } attributes)
            {
                sql.Append(" AND attribute IN (").AppendJoin(',', attributes.Select((_, i) => $"$attr{i}")).Append(')');
                var i = 0;
                foreach (var attribute in attributes) command.Parameters.AddWithValue($"$attr{i++}", attribute);
            }
            command.CommandText = sql.Append(" ORDER BY tid, sid").ToString();
            using var reader = command.ExecuteReader();
            while (reader.Read()) series.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
        }
        var pending = new List<(long Tid, long Sid, string Attribute, string DatasetId)>();
        foreach (var s in series)
        {
            if (query.BucketPeriod is { } period && ReadBuckets(connection, s.Sid, query, period) is { } buckets)
            {
                if (buckets.Count > 0) result[s.Tid].Add(new TemporalSeries(s.Attribute, s.DatasetId.Length == 0 ? null : s.DatasetId, []) { Buckets = buckets });
                continue;
            }
            pending.Add(s);
        }
        if (pending.Count == 0) return result;
        var instances = ReadInstancesBatch(connection, pending.Select(p => p.Sid).ToList(), query);
        foreach (var (tid, sid, attribute, datasetId) in pending)
        {
            if (!instances.TryGetValue(sid, out var read) || read.Instances.Count == 0) continue;
            result[tid].Add(new TemporalSeries(attribute, datasetId.Length == 0 ? null : datasetId, read.Instances, read.Truncated));
        }
        return result;
    }

    private static Dictionary<long, (List<TemporalInstance> Instances, bool Truncated)> ReadInstancesBatch(SqliteConnection connection, List<long> sids, TemporalQuery query)
    {
        var descending = query.LastN is not null;
        var limit = TemporalPaging.SeriesLimit(query);
        var order = Column(query.OrderBy);
        // In index order (sid, observed_at, num, rowid) so that no sort is needed; ties in time keep a stable order.
        var keys = (query.OrderBy == TimeProperty.ObservedAt ? "observed_at, num, iid" : $"{order}, iid").Split(", ");
        using var command = connection.CreateCommand();
        var alias = limit is null ? "i" : "x";
        var column = $"{alias}.{Column(query.Window?.Property ?? query.OrderBy)}";
        var window = query.Window is { } w
            ? Bounds(command, w, column) + (w.From is null && w.Until is null ? $" AND {column} IS NOT NULL" : "")
            : query.OrderBy == TimeProperty.DeletedAt ? $" AND {alias}.deleted_at IS NOT NULL" : "";
        var instanceColumn = query.ValuesOnly ? "NULL" : "i.instance";
        var sidList = string.Join(',', sids.Select((_, i) => $"$s{i}"));
        for (var i = 0; i < sids.Count; i++) command.Parameters.AddWithValue($"$s{i}", sids[i]);
        if (limit is { } l)
        {
            // The series drive: for each, its own index range with its LIMIT (one more than the limit, to see whether it
            // was cut), then the rows by rowid.
            command.Parameters.AddWithValue("$limit", descending ? l : l + 1);
            command.CommandText = $"""
                SELECT s.sid, i.iid, i.{order}, i.num, {instanceColumn}
                FROM temporal_series s JOIN temporal_instances i ON i.iid IN (
                    SELECT x.iid FROM temporal_instances x WHERE x.sid = s.sid{window}
                    ORDER BY {string.Join(", ", keys.Select(k => "x." + k + (descending ? " DESC" : "")))} LIMIT $limit)
                WHERE s.sid IN ({sidList})
                ORDER BY s.sid, {string.Join(", ", keys.Select(k => "i." + k + (descending ? " DESC" : "")))}
                """;
        }
        else
        {
            command.CommandText = $"""
                SELECT i.sid, i.iid, i.{order}, i.num, {instanceColumn} FROM temporal_instances i
                WHERE i.sid IN ({sidList}){window}
                ORDER BY i.sid, {string.Join(", ", keys.Select(k => "i." + k))}
                """;
        }
        var result = new Dictionary<long, (List<TemporalInstance>, bool)>();
        var read = new Dictionary<long, List<TemporalInstance>>();
        var missing = new List<(long Sid, int Index)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var sid = reader.GetInt64(0);
                if (!read.TryGetValue(sid, out var list)) read[sid] = list = [];
                DateTimeOffset? at = reader.IsDBNull(2) ? null : TemporalTime.Instant(reader.GetInt64(2));
                double? number = reader.IsDBNull(3) ? null : reader.GetDouble(3);
                var instance = reader.IsDBNull(4) ? null : (JsonObject)JsonNode.Parse(reader.GetString(4))!;
                if (query.ValuesOnly && number is null) missing.Add((sid, list.Count));
                list.Add(new TemporalInstance(TemporalTime.InstanceId(reader.GetInt64(1)), at, number, instance));
            }
        }
        foreach (var group in missing.GroupBy(m => m.Sid)) FillInstances(connection, read[group.Key], group.Select(m => m.Index).ToList());
        foreach (var (sid, list) in read) result[sid] = TemporalPaging.Cut(list, query);
        return result;
    }
}
