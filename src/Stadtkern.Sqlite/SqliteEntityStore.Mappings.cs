using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

/// <summary>MQTT mapping rules, one row each, the document as JSON.</summary>
public sealed partial class SqliteEntityStore : IMappingRuleStore
{
    public Task CreateMappingRuleAsync(StoredMappingRule rule, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var exists = Command(connection, transaction, "SELECT 1 FROM mqtt_mappings WHERE id = $id");
            exists.Parameters.AddWithValue("$id", rule.Id);
            if (exists.ExecuteScalar() is not null) throw new NgsiLdException(ErrorType.AlreadyExists, $"Mapping rule {rule.Id} already exists.");
            using var insert = Command(connection, transaction, "INSERT INTO mqtt_mappings (id, body, created_at, modified_at) VALUES ($id, $body, $created, $modified)");
            insert.Parameters.AddWithValue("$id", rule.Id);
            insert.Parameters.AddWithValue("$body", rule.Document.ToJsonString());
            insert.Parameters.AddWithValue("$created", Validation.Format(rule.CreatedAt));
            insert.Parameters.AddWithValue("$modified", Validation.Format(rule.ModifiedAt));
            return insert.ExecuteNonQuery();
        }, cancellation);

    public async Task<IReadOnlyList<StoredMappingRule>> ListMappingRulesAsync(CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, body, created_at, modified_at FROM mqtt_mappings ORDER BY seq";
        var rules = new List<StoredMappingRule>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            Validation.TryParseDateTime(reader.GetString(2), out var created);
            Validation.TryParseDateTime(reader.GetString(3), out var modified);
            rules.Add(new StoredMappingRule(reader.GetString(0), (JsonObject)JsonNode.Parse(reader.GetString(1))!, created, modified));
        }
        return rules;
    }

    public Task<bool> ReplaceMappingRuleAsync(string id, JsonObject document, DateTimeOffset modifiedAt, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var update = Command(connection, transaction, "UPDATE mqtt_mappings SET body = $body, modified_at = $modified WHERE id = $id");
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$body", document.ToJsonString());
            update.Parameters.AddWithValue("$modified", Validation.Format(modifiedAt));
            return update.ExecuteNonQuery() > 0;
        }, cancellation);

    public Task<bool> DeleteMappingRuleAsync(string id, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var delete = Command(connection, transaction, "DELETE FROM mqtt_mappings WHERE id = $id");
            delete.Parameters.AddWithValue("$id", id);
            return delete.ExecuteNonQuery() > 0;
        }, cancellation);
}
