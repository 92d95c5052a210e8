using Stadtkern.Store;

namespace Stadtkern.Sqlite;

/// <summary>Finding entities by text values inside the writer's transaction, from the value index.</summary>
internal sealed partial class SqliteEntityTransaction
{
    public IReadOnlyList<string> FindByText(IReadOnlyList<(string Attribute, string Text)> values, int limit)
    {
        var parameters = new List<(string Name, object Value)>();
        var (condition, attributes) = ValueIndexSql.AnyOfTexts(values, "v", value =>
        {
            parameters.Add(($"$p{parameters.Count}", value));
            return parameters[^1].Name;
        });
        var command = Command($"""
            SELECT e.id FROM attr_values v JOIN entities e ON e.seq = v.seq WHERE v.tenant = $tenant AND {condition}
            GROUP BY v.seq HAVING COUNT(DISTINCT v.attribute) = {attributes} LIMIT {limit}
            """);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }
}
