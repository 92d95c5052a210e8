using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Stadtkern.Store;

namespace Stadtkern.Postgres;

public sealed partial class PostgresEntityStore
{
    /// <summary>
    /// Narrows candidates in SQL (ids, types through GIN, the location box through GiST, q through the value index), then
    /// applies the core's exact filter while streaming in insertion order. Without an exact filter the page and the count
    /// are answered by the database alone.
    /// </summary>
    public async Task<EntityPage> QueryAsync(EntityQuery query, CancellationToken cancellation)
    {
        if (query.Filter is null)
        {
            await using var page = Read("");
            page.CommandText = $"SELECT e.body::text FROM entities e WHERE {Conditions(page, query)} ORDER BY e.seq LIMIT @limit OFFSET @offset";
            page.Parameters.AddWithValue("limit", query.Limit);
            page.Parameters.AddWithValue("offset", query.Offset);
            var entities = await ReadBodiesAsync(page, cancellation);
            long? total = null;
            if (query.Count)
            {
                await using var count = Read("");
                count.CommandText = $"SELECT COUNT(*) FROM entities e WHERE {Conditions(count, query)}";
                total = (long)(await count.ExecuteScalarAsync(cancellation))!;
            }
            return new EntityPage(entities, total);
        }
        await using var command = Read("");
        command.CommandText = $"SELECT e.body::text FROM entities e WHERE {Conditions(command, query)} ORDER BY e.seq";
        var matched = new List<JsonObject>();
        long seen = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var entity = (JsonObject)JsonNode.Parse(reader.GetString(0))!;
            if (!query.Filter(entity)) continue;
            if (seen >= query.Offset && matched.Count < query.Limit) matched.Add(entity);
            seen++;
            if (!query.Count && matched.Count >= query.Limit) break;
        }
        return new EntityPage(matched, query.Count ? seen : null);
    }

    private static async Task<List<JsonObject>> ReadBodiesAsync(NpgsqlCommand command, CancellationToken cancellation)
    {
        var result = new List<JsonObject>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) result.Add((JsonObject)JsonNode.Parse(reader.GetString(0))!);
        return result;
    }

    /// <summary>The SQL conditions on <c>e</c> that every match meets, their values bound to <paramref name="command"/>.</summary>
    private static string Conditions(NpgsqlCommand command, EntityQuery query)
    {
        var sql = new StringBuilder("e.tenant = @tenant");
        command.Parameters.AddWithValue("tenant", query.Tenant);
        if (query.Ids is { } ids)
        {
            sql.Append(" AND e.id = ANY(@ids)");
            command.Parameters.AddWithValue("ids", ids.ToArray());
        }
        if (query.AnyOfTypes is { } types)
        {
            sql.Append(" AND e.types && @types");
            command.Parameters.AddWithValue("types", types.ToArray());
        }
        if (query.LocationBox is { } box)
        {
            // The bounding boxes intersect, as the embedded store's R*Tree answers; the exact geo-query is the filter's.
            sql.Append(" AND e.location && ST_MakeEnvelope(@minx, @miny, @maxx, @maxy, 4326)");
            command.Parameters.AddWithValue("minx", box.MinX);
            command.Parameters.AddWithValue("miny", box.MinY);
            command.Parameters.AddWithValue("maxx", box.MaxX);
            command.Parameters.AddWithValue("maxy", box.MaxY);
        }
        if (query.Q is { } q)
        {
            var next = 0;
            var values = new ValueIndexSql(value =>
            {
                var name = $"qv{next++}";
                command.Parameters.AddWithValue(name, value);
                return "@" + name;
            }, alias => $"{alias}.tenant = e.tenant AND {alias}.entity_id = e.id", query.ExpandTerm);
            if (values.Exists(q) is { } exists) sql.Append(" AND ").Append(exists);
        }
        return sql.ToString();
    }
}
