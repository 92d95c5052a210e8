using Npgsql;
using Stadtkern.Store;

namespace Stadtkern.Postgres;

/// <summary>Finding entities by text values inside the writer's transaction, from the value index.</summary>
internal sealed partial class PostgresEntityTransaction
{
    public IReadOnlyList<string> FindByText(IReadOnlyList<(string Attribute, string Text)> values, int limit)
    {
        var parameters = new List<NpgsqlParameter>();
        var (condition, attributes) = ValueIndexSql.AnyOfTexts(values, "v", value =>
        {
            parameters.Add(new NpgsqlParameter($"p{parameters.Count}", value));
            return $"@p{parameters.Count - 1}";
        });
        using var command = Command($"""
            SELECT v.entity_id FROM attr_values v WHERE v.tenant = @tenant AND {condition}
            GROUP BY v.entity_id HAVING COUNT(DISTINCT v.attribute) = {attributes} LIMIT {limit}
            """);
        command.Parameters.AddRange(parameters.ToArray());
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }
}
