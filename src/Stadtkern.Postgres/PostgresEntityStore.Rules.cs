using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Store;

namespace Stadtkern.Postgres;

/// <summary>MQTT mapping rules (global, as topics are) and watch rules (per tenant), one row each, the document as JSONB.</summary>
public sealed partial class PostgresEntityStore : IMappingRuleStore, IWatchRuleStore
{
    public Task CreateMappingRuleAsync(StoredMappingRule rule, CancellationToken cancellation) =>
        WriteAndAnnounceAsync(Nodes.NodeNoticeKind.MappingRules, null, rule.Id, command =>
        {
            using var insert = command("INSERT INTO mqtt_mappings (id, body, created_at, modified_at) VALUES (@id, @body, @created, @modified) ON CONFLICT (id) DO NOTHING");
            insert.Parameters.AddWithValue("id", rule.Id);
            insert.Parameters.Add(Jsonb("body", rule.Document.ToJsonString()));
            insert.Parameters.AddWithValue("created", rule.CreatedAt.ToUniversalTime());
            insert.Parameters.AddWithValue("modified", rule.ModifiedAt.ToUniversalTime());
            return insert.ExecuteNonQuery() == 1 ? 1 : throw new NgsiLdException(ErrorType.AlreadyExists, $"Mapping rule {rule.Id} already exists.");
        }, cancellation);

    public async Task<IReadOnlyList<StoredMappingRule>> ListMappingRulesAsync(CancellationToken cancellation)
    {
        await using var command = Read("SELECT id, body::text, created_at, modified_at FROM mqtt_mappings ORDER BY seq");
        var rules = new List<StoredMappingRule>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            rules.Add(new StoredMappingRule(reader.GetString(0), (JsonObject)JsonNode.Parse(reader.GetString(1))!,
                reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)));
        return rules;
    }

    public Task<bool> ReplaceMappingRuleAsync(string id, JsonObject document, DateTimeOffset modifiedAt, CancellationToken cancellation) =>
        WriteAndAnnounceAsync(Nodes.NodeNoticeKind.MappingRules, null, id, command =>
        {
            using var update = command("UPDATE mqtt_mappings SET body = @body, modified_at = @modified WHERE id = @id");
            update.Parameters.AddWithValue("id", id);
            update.Parameters.Add(Jsonb("body", document.ToJsonString()));
            update.Parameters.AddWithValue("modified", modifiedAt.ToUniversalTime());
            return update.ExecuteNonQuery() > 0;
        }, cancellation);

    public Task<bool> DeleteMappingRuleAsync(string id, CancellationToken cancellation) =>
        WriteAndAnnounceAsync(Nodes.NodeNoticeKind.MappingRules, null, id, command =>
        {
            using var delete = command("DELETE FROM mqtt_mappings WHERE id = @id");
            delete.Parameters.AddWithValue("id", id);
            return delete.ExecuteNonQuery() > 0;
        }, cancellation);

    public async Task<IReadOnlyList<(string Tenant, JsonObject Document)>> ListWatchRulesAsync(CancellationToken cancellation)
    {
        await using var command = Read("SELECT tenant, body::text FROM watch_rules ORDER BY created_at, id");
        var rules = new List<(string, JsonObject)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) rules.Add((reader.GetString(0), (JsonObject)JsonNode.Parse(reader.GetString(1))!));
        return rules;
    }

    public Task PutWatchRuleAsync(string tenant, string id, JsonObject document, DateTimeOffset at, CancellationToken cancellation) =>
        WriteAndAnnounceAsync(Nodes.NodeNoticeKind.WatchRules, tenant, id, command =>
        {
            using var put = command("""
                INSERT INTO watch_rules (tenant, id, body, created_at, modified_at) VALUES (@tenant, @id, @body, @at, @at)
                ON CONFLICT (tenant, id) DO UPDATE SET body = excluded.body, modified_at = excluded.modified_at
                """);
            put.Parameters.AddWithValue("tenant", tenant);
            put.Parameters.AddWithValue("id", id);
            put.Parameters.Add(Jsonb("body", document.ToJsonString()));
            put.Parameters.AddWithValue("at", at.ToUniversalTime());
            return put.ExecuteNonQuery();
        }, cancellation);

    public Task<bool> DeleteWatchRuleAsync(string tenant, string id, CancellationToken cancellation) =>
        WriteAndAnnounceAsync(Nodes.NodeNoticeKind.WatchRules, tenant, id, command =>
        {
            using var delete = command("DELETE FROM watch_rules WHERE tenant = @tenant AND id = @id");
            delete.Parameters.AddWithValue("tenant", tenant);
            delete.Parameters.AddWithValue("id", id);
            return delete.ExecuteNonQuery() > 0;
        }, cancellation);
}
