using System.Text.Json.Nodes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

/// <summary>Watch rules, one row per tenant and id, the document as JSON.</summary>
public sealed partial class SqliteEntityStore : IWatchRuleStore
{
    public async Task<IReadOnlyList<(string Tenant, JsonObject Document)>> ListWatchRulesAsync(CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant, body FROM watch_rules ORDER BY created_at, id";
        var rules = new List<(string, JsonObject)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) rules.Add((reader.GetString(0), (JsonObject)JsonNode.Parse(reader.GetString(1))!));
        return rules;
    }

    public Task PutWatchRuleAsync(string tenant, string id, JsonObject document, DateTimeOffset at, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var put = Command(connection, transaction, """
                INSERT INTO watch_rules (tenant, id, body, created_at, modified_at) VALUES ($tenant, $id, $body, $at, $at)
                ON CONFLICT (tenant, id) DO UPDATE SET body = excluded.body, modified_at = excluded.modified_at
                """);
            put.Parameters.AddWithValue("$tenant", tenant);
            put.Parameters.AddWithValue("$id", id);
            put.Parameters.AddWithValue("$body", document.ToJsonString());
            put.Parameters.AddWithValue("$at", Validation.Format(at));
            return put.ExecuteNonQuery();
        }, cancellation);

    public Task<bool> DeleteWatchRuleAsync(string tenant, string id, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var delete = Command(connection, transaction, "DELETE FROM watch_rules WHERE tenant = $tenant AND id = $id");
            delete.Parameters.AddWithValue("$tenant", tenant);
            delete.Parameters.AddWithValue("$id", id);
            return delete.ExecuteNonQuery() > 0;
        }, cancellation);
}
