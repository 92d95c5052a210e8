using System.Globalization;
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
        using var readers = new SeriesReader(connection);
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
            var entity = header with { Series = ReadSeries(readers, reader.GetInt64(0), query) };
            if (query.Filter is { } filter && !filter(entity)) continue;
            matched++;
            if (matched > query.Offset && !pageFull) page.Add(entity);
            else if (pageFull && !query.Count) break;
        }
        return new TemporalPage(page, query.Count ? matched : null);
    }

    /// <summary>
    /// The two statements a temporal query runs per entity (its series, a series' instances), prepared once per query and
    /// run again with new keys: a page of a thousand entities costs no thousand statement compilations.
    /// </summary>
    private sealed class SeriesReader(SqliteConnection connection) : IDisposable
    {
        private SqliteCommand? _series;
        private SqliteCommand? _instances;

        public SqliteCommand Series(Func<SqliteCommand> create) => _series ??= Prepared(create());

        public SqliteCommand Instances(Func<SqliteCommand> create) => _instances ??= Prepared(create());

        public SqliteConnection Connection => connection;

        private static SqliteCommand Prepared(SqliteCommand command)
        {
            command.Prepare();
            return command;
        }

        public void Dispose()
        {
            _series?.Dispose();
            _instances?.Dispose();
        }
    }

    private static List<TemporalSeries> ReadSeries(SeriesReader readers, long tid, TemporalQuery query)
    {
        var connection = readers.Connection;
        var series = new List<(long Sid, string Attribute, string DatasetId)>();
        var command = readers.Series(() =>
        {
            var created = connection.CreateCommand();
            var sql = new StringBuilder("SELECT sid, attribute, dataset_id FROM temporal_series WHERE tid = $tid");
            created.Parameters.Add("$tid", SqliteType.Integer);
            if (query.Attributes is { } attributes)
            {
                sql.Append(" AND attribute IN (").AppendJoin(',', attributes.Select((_, i) => $"$attr{i}")).Append(')');
                var i = 0;
                foreach (var attribute in attributes) created.Parameters.AddWithValue($"$attr{i++}", attribute);
            }
            created.CommandText = sql.Append(" ORDER BY sid").ToString();
            return created;
        });
        command.Parameters["$tid"].Value = tid;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) series.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        var result = new List<TemporalSeries>(series.Count);
        foreach (var (sid, attribute, datasetId) in series)
        {
            if (query.BucketPeriod is { } period && ReadBuckets(connection, sid, query, period) is { } buckets)
            {
                if (buckets.Count > 0) result.Add(new TemporalSeries(attribute, datasetId.Length == 0 ? null : datasetId, []) { Buckets = buckets });
                continue;
            }
            var (instances, truncated) = ReadInstances(readers, sid, query);
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

    private static (List<TemporalInstance> Instances, bool Truncated) ReadInstances(SeriesReader readers, long sid, TemporalQuery query)
    {
        var connection = readers.Connection;
        var descending = query.LastN is not null;
        var limit = query.LastN ?? query.InstanceLimit;
        if (query.LastN is { } n && query.InstanceLimit is { } max) limit = Math.Min(n, max);
        var command = readers.Instances(() => InstancesCommand(connection, query, descending, limit));
        command.Parameters["$sid"].Value = sid;
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

    private static SqliteCommand InstancesCommand(SqliteConnection connection, TemporalQuery query, bool descending, int? limit)
    {
        var command = connection.CreateCommand();
        var column = Column(query.Window?.Property ?? query.OrderBy);
        var order = Column(query.OrderBy);
        var sql = new StringBuilder(query.ValuesOnly
            ? $"SELECT iid, {order}, num, NULL FROM temporal_instances WHERE sid = $sid"
            : $"SELECT iid, {order}, num, instance FROM temporal_instances WHERE sid = $sid");
        command.Parameters.Add("$sid", SqliteType.Integer);
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
        // In index order (sid, observed_at, num, rowid) so that no sort is needed; ties in time keep a stable order.
        var keys = query.OrderBy == TimeProperty.ObservedAt ? "observed_at, num, iid" : $"{order}, iid";
        sql.Append(descending ? " ORDER BY " + string.Join(", ", keys.Split(", ").Select(k => k + " DESC")) : " ORDER BY " + keys);
        if (limit is { } l)
        {
            sql.Append(" LIMIT $limit");
            command.Parameters.AddWithValue("$limit", descending ? l : l + 1);
        }
        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>
    /// Sums a series up per period inside SQLite: one index range per period (the periods listed by a recursive CTE), each
    /// summarised by SQLite's own aggregates, so no row crosses into .NET. Null when a value in the window is not a number
    /// (the core then aggregates the instances itself).
    /// </summary>
    private static List<TemporalBucket>? ReadBuckets(SqliteConnection connection, long sid, TemporalQuery query, TimeSpan period)
    {
        var window = query.Window;
        using var command = connection.CreateCommand();
        var range = new StringBuilder("sid = $sid AND observed_at IS NOT NULL");
        command.Parameters.AddWithValue("$sid", sid);
        if (window?.From is { } from)
        {
            range.Append(window.FromExclusive ? " AND observed_at > $from" : " AND observed_at >= $from");
            command.Parameters.AddWithValue("$from", TemporalTime.Micros(from));
        }
        if (window?.Until is { } until)
        {
            range.Append(" AND observed_at < $until");
            command.Parameters.AddWithValue("$until", TemporalTime.Micros(until));
        }
        command.CommandText = $"""
            SELECT (SELECT observed_at FROM temporal_instances WHERE {range} ORDER BY observed_at LIMIT 1),
                   (SELECT observed_at FROM temporal_instances WHERE {range} ORDER BY observed_at DESC LIMIT 1)
            """;
        long first, last;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read() || reader.IsDBNull(0)) return [];
            (first, last) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        var micros = period.Ticks / 10;
        var anchor = window?.From is { } start ? TemporalTime.Micros(start) : first;
        var periods = (last - anchor) / micros + 1;
        // Very many short periods: listing them would cost more than reading the instances.
        if (periods > MaxSqlPeriods) return null;
        command.Parameters.AddWithValue("$anchor", anchor);
        command.Parameters.AddWithValue("$period", micros);
        command.Parameters.AddWithValue("$last", periods - 1);
        command.CommandText = $"""
            WITH RECURSIVE p(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM p WHERE k < $last)
            SELECT k, (SELECT printf('%d %d %!.17g %!.17g %!.17g %!.17g', COUNT(*), COUNT(num), SUM(num), SUM(num * num), MIN(num), MAX(num))
                       FROM temporal_instances
                       WHERE {range} AND observed_at >= $anchor + k * $period AND observed_at < $anchor + (k + 1) * $period)
            FROM p
            """;
        var buckets = new List<TemporalBucket>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var parts = reader.GetString(1).Split(' ');
                var count = long.Parse(parts[0], CultureInfo.InvariantCulture);
                if (count == 0) continue;
                if (long.Parse(parts[1], CultureInfo.InvariantCulture) != count) return null;
                buckets.Add(new TemporalBucket(TemporalTime.Instant(anchor + reader.GetInt64(0) * micros), count,
                    Number(parts[2]), Number(parts[3]), Number(parts[4]), Number(parts[5])));
            }
        }
        return buckets;
    }

    private const long MaxSqlPeriods = 100_000;

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

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
