using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

public sealed partial class SqliteEntityStore
{
    /// <summary>Narrows candidates with the id, type and R*Tree indexes, then applies the core's exact filter while streaming in insertion order.</summary>
    public async Task<EntityPage> QueryAsync(EntityQuery query, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        var translated = query.Q is null ? null : new SqliteQueryTranslator(command, query.ExpandTerm).Translate(query.Q);
        var narrowed = translated?.Conditions;
        // A value-index range drives the query in index order when there is one (pages then stream without reading every
        // candidate); otherwise a selective list (R*Tree) drives by rowid, the unary + keeping the planner from scanning the
        // whole tenant; without either, the tenant is walked in insertion order until the page is full.
        var byValue = query.Ids is null && translated?.Driver is not null;
        var driven = query.Ids is null && (byValue || query.LocationBox is not null);
        var sql = new StringBuilder(byValue
            ? $"SELECT e.body FROM attr_values d JOIN entities e ON e.seq = d.seq WHERE {translated!.Driver} AND +e.tenant = $tenant"
            : driven ? "SELECT e.body FROM entities e WHERE +e.tenant = $tenant" : "SELECT e.body FROM entities e WHERE e.tenant = $tenant");
        command.Parameters.AddWithValue("$tenant", query.Tenant);
        if (query.Ids is { } ids)
        {
            sql.Append(" AND e.id IN (").AppendJoin(',', ids.Select((_, i) => $"$id{i}")).Append(')');
            var i = 0;
            foreach (var id in ids) command.Parameters.AddWithValue($"$id{i++}", id);
        }
        if (query.AnyOfTypes is { } types)
        {
            // A type is rarely selective: checked per row through the index instead of materialising every entity of the type.
            sql.Append(" AND EXISTS (SELECT 1 FROM entity_types t WHERE t.tenant = $tenant AND t.type IN (")
                .AppendJoin(',', types.Select((_, i) => $"$type{i}")).Append(") AND t.seq = e.seq)");
            var i = 0;
            foreach (var type in types) command.Parameters.AddWithValue($"$type{i++}", type);
        }
        if (query.LocationBox is { } box)
        {
            sql.Append(" AND e.seq IN (SELECT seq FROM entity_locations WHERE max_x >= $minx AND min_x <= $maxx AND max_y >= $miny AND min_y <= $maxy)");
            command.Parameters.AddWithValue("$minx", box.MinX);
            command.Parameters.AddWithValue("$maxx", box.MaxX);
            command.Parameters.AddWithValue("$miny", box.MinY);
            command.Parameters.AddWithValue("$maxy", box.MaxY);
        }
        if (narrowed is not null) sql.Append(" AND ").Append(narrowed);
        var exact = query.Filter is null;
        if (exact && !query.Count)
        {
            sql.Append(" ORDER BY e.seq LIMIT $limit OFFSET $offset");
            command.Parameters.AddWithValue("$limit", query.Limit);
            command.Parameters.AddWithValue("$offset", query.Offset);
        }
        else
        {
            sql.Append(byValue ? $" ORDER BY {translated!.DriverOrder}" : " ORDER BY e.seq");
        }
        command.CommandText = sql.ToString();
        var page = new List<JsonObject>(Math.Min(query.Limit, 1000));
        // An entity with several matching values appears once per value when a value range drives the query.
        var seen = byValue ? new HashSet<string>(StringComparer.Ordinal) : null;
        long matched = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var entity = (JsonObject)JsonNode.Parse(reader.GetString(0))!;
            if (seen is not null && !seen.Add(entity[Model.Members.Id]!.GetValue<string>())) continue;
            if (query.Filter is { } filter && !filter(entity)) continue;
            if (exact && !query.Count)
            {
                page.Add(entity);
                continue;
            }
            if (matched >= query.Offset && page.Count < query.Limit) page.Add(entity);
            matched++;
            if (!query.Count && page.Count >= query.Limit) break;
        }
        return new EntityPage(page, query.Count ? matched : null);
    }
}
