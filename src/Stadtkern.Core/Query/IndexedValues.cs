using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Model;

namespace Stadtkern.Query;

/// <summary>
/// The scalar values of an entity's attributes exactly as <see cref="QueryEvaluator"/> compares them (value, object, list
/// elements, language-map texts). A store that indexes these can answer q terms on a single attribute from its index.
/// </summary>
public static class IndexedValues
{
    /// <summary>One row per attribute (with neither value, for existence) and one per scalar value.</summary>
    public static IEnumerable<(string Attribute, double? Number, string? Text)> Of(JsonObject entity)
    {
        foreach (var (name, node) in entity)
        {
            if (Members.EntityReserved.Contains(name) || node is not JsonArray instances) continue;
            yield return (name, null, null);
            foreach (var instance in instances.OfType<JsonObject>())
            {
                var type = instance[Members.Type]?.GetValue<string>() ?? AttributeTypes.Property;
                var content = instance[AttributeTypes.ValueMember(type)];
                IEnumerable<JsonNode?> values = type switch
                {
                    AttributeTypes.LanguageProperty when content is JsonObject map => map.Select(kv => kv.Value),
                    AttributeTypes.ListRelationship when content is JsonArray list => list.Select(o => (o as JsonObject)?[Members.Object]),
                    _ => content is JsonArray array ? array : new[] { content },
                };
                foreach (var value in values)
                {
                    var scalar = value is JsonObject wrapped && wrapped["@value"] is { } literal ? literal : value;
                    if (scalar is not JsonValue v) continue;
                    switch (v.GetValueKind())
                    {
                        case JsonValueKind.Number: yield return (name, v.GetValue<double>(), null); break;
                        case JsonValueKind.String: yield return (name, null, v.GetValue<string>()); break;
                    }
                }
            }
        }
    }
}
