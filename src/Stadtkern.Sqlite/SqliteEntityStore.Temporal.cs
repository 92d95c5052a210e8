using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

public sealed partial class SqliteEntityStore : ITemporalStore
{
    /// <summary>Walks the tenant's temporal entities in creation order (narrowed by id and type indexes), reading each one's series inside the window.</summary>
    public async Task<TemporalPage> QueryTemporalAsync(TemporalQuery query, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT t.tid, t.id, t.types, t.scope, t.created_at, t.deleted_at FROM temporal_entities t WHERE t.tenant = $tenant");
        command.Parameters.AddWithValue("$tenant", query.Tenant);
        if (query.Ids is { } ids)
        {
            sql.Append(" AND t.id IN (").AppendJoin(',', ids.Select((_, i) => $"$id{i}")).Append(')');
            var i = 0;
            foreach (var id in ids) command.Parameters.AddWithValue($"$id{i++}", id);
        }
        if (query.AnyOfTypes is { } types)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM temporal_types y WHERE y.tenant = $tenant AND y.type IN (")
                .AppendJoin(',', types.Select((_, i) => $"$type{i}")).Append(") AND y.tid = t.tid)");
            var i = 0;
            foreach (var type in types) command.Parameters.AddWithValue($"$type{i++}", type);
        }
        sql.Append(" ORDER BY t.tid");
        command.CommandText = sql.ToString();

        var page = new List<TemporalEntity>();
        long matched = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var header = new TemporalEntity(reader.GetString(1), JsonNode.Parse(reader.GetString(2))!.AsArray(),
                reader.IsDBNull(3) ? null : JsonNode.Parse(reader.GetString(3)),
                TemporalTime.Instant(reader.GetInt64(4)), reader.IsDBNull(5) ? null : TemporalTime.Instant(reader.GetInt64(5)));
            if (query.HeaderFilter is { } headerFilter && !headerFilter(header)) continue;
            var pageFull = page.Count >= query.Limit;
            // Past the page, only the count is wanted: without an instance filter the header decides.
            if (pageFull && query.Filter is null)
            {
                if (!query.Count) break;
                matched++;
                continue;
            }
            var entity = header with { Series = ReadSeries(connection, reader.GetInt64(0), query) };
            if (query.Filter is { } filter && !filter(entity)) continue;
            matched++;
            if (matched > query.Offset && !pageFull) page.Add(entity);
            else if (pageFull && !query.Count) break;
        }
        return new TemporalPage(page, query.Count ? matched : null);
    }

    private static List<TemporalSeries> ReadSeries(SqliteConnection connection, long tid, TemporalQuery query)
    {
        var series = new List<(long Sid, string Attribute, string DatasetId)>();
        using (var command = connection.CreateCommand())
        {
            var sql = new StringBuilder("SELECT sid, attribute, dataset_id FROM temporal_series WHERE tid = $tid");
            command.Parameters.AddWithValue("$tid", tid);
            if (query.Attributes is { } attributes)
            {
                sql.Append(" AND attribute IN (").AppendJoin(',', attributes.Select((_, i) => $"$attr{i}")).Append(')');
                var i = 0;
                foreach (var attribute in attributes) command.Parameters.AddWithValue($"$attr{i++}", attribute);
            }
            command.CommandText = sql.Append(" ORDER BY sid").ToString();
            using var reader = command.ExecuteReader();
            while (reader.Read()) series.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        var result = new List<TemporalSeries>(series.Count);
        foreach (var (sid, attribute, datasetId) in series)
        {
            var (instances, truncated) = ReadInstances(connection, sid, query);
            if (instances.Count > 0) result.Add(new TemporalSeries(attribute, datasetId.Length == 0 ? null : datasetId, instances, truncated));
        }
        return result;
    }

    private static string Column(TimeProperty property) => property switch
    {
        TimeProperty.ObservedAt => "observed_at",
        TimeProperty.CreatedAt => "created_at",
        TimeProperty.DeletedAt => "deleted_at",
        _ => "modified_at",
    };

    private static (List<TemporalInstance> Instances, bool Truncated) ReadInstances(SqliteConnection connection, long sid, TemporalQuery query)
    {
        using var command = connection.CreateCommand();
        var column = Column(query.Window?.Property ?? query.OrderBy);
        var order = Column(query.OrderBy);
        var sql = new StringBuilder(query.ValuesOnly
            ? $"SELECT iid, {order}, num, NULL FROM temporal_instances WHERE sid = $sid"
            : $"SELECT iid, {order}, num, instance FROM temporal_instances WHERE sid = $sid");
        command.Parameters.AddWithValue("$sid", sid);
        if (query.Window is { } window)
        {
            if (window.From is { } from)
            {
                sql.Append($" AND {column} {(window.FromExclusive ? ">" : ">=")} $from");
                command.Parameters.AddWithValue("$from", TemporalTime.Micros(from));
            }
            if (window.Until is { } until)
            {
                sql.Append($" AND {column} < $until");
                command.Parameters.AddWithValue("$until", TemporalTime.Micros(until));
            }
            if (window.From is null && window.Until is null) sql.Append($" AND {column} IS NOT NULL");
        }
        else if (query.OrderBy == TimeProperty.DeletedAt) sql.Append(" AND deleted_at IS NOT NULL");
        var descending = query.LastN is not null;
        sql.Append(descending ? $" ORDER BY {order} DESC, iid DESC" : $" ORDER BY {order}, iid");
        var limit = query.LastN ?? query.InstanceLimit;
        if (query.LastN is { } n && query.InstanceLimit is { } max) limit = Math.Min(n, max);
        if (limit is { } l)
        {
            sql.Append(" LIMIT $limit");
            command.Parameters.AddWithValue("$limit", descending ? l : l + 1);
        }
        command.CommandText = sql.ToString();
        var instances = new List<TemporalInstance>();
        List<int>? missing = null;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                DateTimeOffset? at = reader.IsDBNull(1) ? null : TemporalTime.Instant(reader.GetInt64(1));
                double? number = reader.IsDBNull(2) ? null : reader.GetDouble(2);
                var instance = reader.IsDBNull(3) ? null : (JsonObject)JsonNode.Parse(reader.GetString(3))!;
                if (query.ValuesOnly && number is null) (missing ??= []).Add(instances.Count);
                instances.Add(new TemporalInstance(TemporalTime.InstanceId(reader.GetInt64(0)), at, number, instance));
            }
        }
        // Values only: the JSON is read afterwards for the few instances whose value is not a number, so the walk above stays on the index.
        if (missing is not null) FillInstances(connection, instances, missing);
        if (descending) instances.Reverse();
        var truncated = !descending && limit is { } cut && instances.Count > cut;
        if (truncated) instances.RemoveAt(instances.Count - 1);
        return (instances, truncated || (query.LastN is { } last && query.InstanceLimit is { } cap && cap < last && instances.Count == cap));
    }

    private static void FillInstances(SqliteConnection connection, List<TemporalInstance> instances, List<int> missing)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance FROM temporal_instances WHERE iid = $iid";
        var parameter = command.Parameters.Add("$iid", SqliteType.Integer);
        foreach (var index in missing)
        {
            parameter.Value = TemporalTime.InstanceRow(instances[index].InstanceId)!.Value;
            if (command.ExecuteScalar() is string json) instances[index] = instances[index] with { Instance = (JsonObject)JsonNode.Parse(json)! };
        }
    }
}
