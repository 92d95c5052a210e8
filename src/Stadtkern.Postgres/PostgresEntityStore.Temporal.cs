using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Stadtkern.Store;

namespace Stadtkern.Postgres;

/// <summary>
/// The temporal API's read side: identities in creation order (narrowed by id and the types' GIN index), their series a
/// chunk at a time, each series' instances inside the window from its (sid, observed_at) index in every partition.
/// Aggregation periods are not summed here yet: the core aggregates the instances (<see cref="TemporalQuery.BucketPeriod"/>).
/// </summary>
public sealed partial class PostgresEntityStore : ITemporalStore
{
    public Task<TemporalPage> QueryTemporalAsync(TemporalQuery query, CancellationToken cancellation)
    {
        var ids = new Dictionary<long, string>();
        return TemporalPaging.PageAsync(HeadersAsync(query, ids, cancellation),
            (tids, token) => ReadSeriesAsync(tids.ToDictionary(t => t, t => ids[t]), query, token), query, cancellation);
    }

    private async IAsyncEnumerable<(long Key, TemporalEntity Header)> HeadersAsync(TemporalQuery query, Dictionary<long, string> ids,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
        var sql = new StringBuilder("SELECT tid, id, types, scope::text, created_at, deleted_at FROM temporal_entities WHERE tenant = @tenant");
        await using var command = Read("");
        command.Parameters.AddWithValue("tenant", query.Tenant);
        if (query.Ids is { } wanted)
        {
            sql.Append(" AND id = ANY(@ids)");
            command.Parameters.AddWithValue("ids", wanted.ToArray());
        }
        if (query.AnyOfTypes is { } types)
        {
            sql.Append(" AND types && @types");
            command.Parameters.AddWithValue("types", types.ToArray());
        }
        command.CommandText = sql.Append(" ORDER BY tid").ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var tid = reader.GetInt64(0);
            ids[tid] = reader.GetString(1);
            var header = new TemporalEntity(reader.GetString(1), new JsonArray(reader.GetFieldValue<string[]>(2).Select(t => (JsonNode?)t).ToArray()),
                reader.IsDBNull(3) ? null : JsonNode.Parse(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
            yield return (tid, header);
        }
    }

    /// <summary>The series of many entities at once: their series, then the instances of all of them in one statement.</summary>
    private async Task<Dictionary<long, List<TemporalSeries>>> ReadSeriesAsync(Dictionary<long, string> entities, TemporalQuery query, CancellationToken cancellation)
    {
        var result = entities.Keys.ToDictionary(t => t, _ => new List<TemporalSeries>());
        var tids = entities.ToDictionary(e => e.Value, e => e.Key, StringComparer.Ordinal);
        var series = new List<(long Tid, long Sid, string Attribute, string DatasetId)>();
        await using (var command = Read(""))
        {
            var sql = new StringBuilder("SELECT entity_id, sid, attribute, dataset_id FROM temporal_series WHERE tenant = @tenant AND entity_id = ANY(@ids)");
            command.Parameters.AddWithValue("tenant", query.Tenant);
            command.Parameters.AddWithValue("ids", entities.Values.ToArray());
            if (query.Attributes is { } attributes)
            {
                sql.Append(" AND attribute = ANY(@attributes)");
                command.Parameters.AddWithValue("attributes", attributes.ToArray());
            }
            command.CommandText = sql.Append(" ORDER BY sid").ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
                series.Add((tids[reader.GetString(0)], reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
        }
        if (series.Count == 0) return result;
        var instances = await ReadInstancesAsync(series.Select(s => s.Sid).ToArray(), query, cancellation);
        foreach (var (tid, sid, attribute, datasetId) in series.OrderBy(s => s.Tid).ThenBy(s => s.Sid))
        {
            if (!instances.TryGetValue(sid, out var read) || read.Instances.Count == 0) continue;
            result[tid].Add(new TemporalSeries(attribute, datasetId.Length == 0 ? null : datasetId, read.Instances, read.Truncated));
        }
        return result;
    }

    private async Task<Dictionary<long, (List<TemporalInstance> Instances, bool Truncated)>> ReadInstancesAsync(long[] sids, TemporalQuery query,
        CancellationToken cancellation)
    {
        var descending = query.LastN is not null;
        var limit = TemporalPaging.SeriesLimit(query);
        var order = Column(query.OrderBy);
        // Ties in time keep a stable order; NULLs first ascending and last descending, as the embedded store sorts them.
        var keys = query.OrderBy == TimeProperty.ObservedAt ? new[] { "observed_at", "num", "iid" } : [order, "iid"];
        string OrderBy(string alias) => string.Join(", ", keys.Select(k => $"{alias}.{k}" + (descending ? " DESC NULLS LAST" : " NULLS FIRST")));
        await using var command = Read("");
        command.Parameters.AddWithValue("sids", sids);
        var column = $"x.{Column(query.Window?.Property ?? query.OrderBy)}";
        var window = new StringBuilder();
        if (query.Window is { } w)
        {
            if (w.From is { } from)
            {
                window.Append($" AND {column} {(w.FromExclusive ? ">" : ">=")} @from");
                command.Parameters.AddWithValue("from", from.ToUniversalTime());
            }
            if (w.Until is { } until)
            {
                window.Append($" AND {column} < @until");
                command.Parameters.AddWithValue("until", until.ToUniversalTime());
            }
            if (w.From is null && w.Until is null) window.Append($" AND {column} IS NOT NULL");
        }
        else if (query.OrderBy == TimeProperty.DeletedAt) window.Append(" AND x.deleted_at IS NOT NULL");
        // Values only: the JSON of non-numeric instances alone.
        var instance = query.ValuesOnly ? "CASE WHEN x.num IS NULL THEN x.instance::text END" : "x.instance::text";
        var rows = $"SELECT x.sid, x.iid, x.num, {instance} AS instance, x.observed_at, x.created_at, x.modified_at, x.deleted_at FROM temporal_instances x WHERE x.sid = s.sid{window}";
        if (limit is { } l) command.Parameters.AddWithValue("limit", descending ? l : l + 1);
        command.CommandText = $"""
            SELECT x.sid, x.iid, x.{order}, x.num, x.instance FROM unnest(@sids) AS s(sid)
            CROSS JOIN LATERAL ({rows} ORDER BY {OrderBy("x")}{(limit is null ? "" : " LIMIT @limit")}) x
            ORDER BY x.sid, {OrderBy("x")}
            """;
        var read = new Dictionary<long, List<TemporalInstance>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var sid = reader.GetInt64(0);
                if (!read.TryGetValue(sid, out var list)) read[sid] = list = [];
                DateTimeOffset? at = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2);
                double? number = reader.IsDBNull(3) ? null : reader.GetDouble(3);
                var json = reader.IsDBNull(4) ? null : (JsonObject)JsonNode.Parse(reader.GetString(4))!;
                list.Add(new TemporalInstance(TemporalTime.InstanceId(reader.GetInt64(1)), at, number, json));
            }
        }
        return read.ToDictionary(r => r.Key, r => TemporalPaging.Cut(r.Value, query));
    }

    private static string Column(TimeProperty property) => property switch
    {
        TimeProperty.ObservedAt => "observed_at",
        TimeProperty.CreatedAt => "created_at",
        TimeProperty.DeletedAt => "deleted_at",
        _ => "modified_at",
    };
}
