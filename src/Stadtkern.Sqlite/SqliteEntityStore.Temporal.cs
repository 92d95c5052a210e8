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
        return await TemporalPaging.PageAsync(HeadersAsync(command, cancellation),
            (tids, _) => Task.FromResult(ReadSeriesBatch(connection, tids, query)), query, cancellation);
    }

    private static async IAsyncEnumerable<(long Key, TemporalEntity Header)> HeadersAsync(SqliteCommand command,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            yield return (reader.GetInt64(0), new TemporalEntity(reader.GetString(1), JsonNode.Parse(reader.GetString(2))!.AsArray(),
                reader.IsDBNull(3) ? null : JsonNode.Parse(reader.GetString(3)),
                TemporalTime.Instant(reader.GetInt64(4)), reader.IsDBNull(5) ? null : TemporalTime.Instant(reader.GetInt64(5))));
        }
    }

    /// <summary>The window's bounds on <paramref name="column"/> as <c> AND ...</c> conditions, their values bound to the command.</summary>
    private static string Bounds(SqliteCommand command, TimeWindow window, string column)
    {
        var conditions = new StringBuilder();
        if (window.From is { } from)
        {
            conditions.Append($" AND {column} {(window.FromExclusive ? ">" : ">=")} $from");
            command.Parameters.AddWithValue("$from", TemporalTime.Micros(from));
        }
        if (window.Until is { } until)
        {
            conditions.Append($" AND {column} < $until");
            command.Parameters.AddWithValue("$until", TemporalTime.Micros(until));
        }
        return conditions.ToString();
    }

    private static string Column(TimeProperty property) => property switch
    {
        TimeProperty.ObservedAt => "observed_at",
        TimeProperty.CreatedAt => "created_at",
        TimeProperty.DeletedAt => "deleted_at",
        _ => "modified_at",
    };

    /// <summary>
    /// Sums a series up per period inside SQLite: one index range per period (the periods listed by a recursive CTE), each
    /// summarised by SQLite's own aggregates, so no row crosses into .NET. Null when a value in the window is not a number
    /// (the core then aggregates the instances itself).
    /// </summary>
    private static List<TemporalBucket>? ReadBuckets(SqliteConnection connection, long sid, TemporalQuery query, TimeSpan period)
    {
        var window = query.Window;
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$sid", sid);
        var range = "sid = $sid AND observed_at IS NOT NULL" + (window is null ? "" : Bounds(command, window, "observed_at"));
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
        if (HourlyBuckets(connection, sid, window, anchor, micros) is { } summed) return summed;
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

    /// <summary>
    /// The periods summed from the hourly rollups, when every period boundary (and the window's end) falls on an hour:
    /// otherwise null, and the instances are read. Null too when a value in the window is not a number.
    /// </summary>
    private static List<TemporalBucket>? HourlyBuckets(SqliteConnection connection, long sid, TimeWindow? window, long anchor, long micros)
    {
        const long hour = TemporalRollups.Hour;
        var until = window?.Until is { } end ? TemporalTime.Micros(end) : (long?)null;
        if (micros % hour != 0 || Floor(anchor, hour) != anchor || window?.FromExclusive == true || (until is { } u && Floor(u, hour) != u)) return null;
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (hour - $anchor) / $period, SUM(n), SUM(nnum), SUM(sum), SUM(sumsq), MIN(min), MAX(max)
            FROM temporal_rollups WHERE sid = $sid AND hour >= $anchor AND hour < $until
            GROUP BY 1 ORDER BY 1
            """;
        command.Parameters.AddWithValue("$sid", sid);
        command.Parameters.AddWithValue("$anchor", anchor);
        command.Parameters.AddWithValue("$period", micros);
        command.Parameters.AddWithValue("$until", until ?? long.MaxValue);
        var buckets = new List<TemporalBucket>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var count = reader.GetInt64(1);
            if (reader.GetInt64(2) != count) return null;
            buckets.Add(new TemporalBucket(TemporalTime.Instant(anchor + reader.GetInt64(0) * micros), count,
                reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6)));
        }
        return buckets;
    }

    private static long Floor(long micros, long unit) => micros - (((micros % unit) + unit) % unit);

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
