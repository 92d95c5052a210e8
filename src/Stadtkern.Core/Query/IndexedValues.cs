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
    /// <summary>One row per scalar value of each attribute, or one row with neither value when it has none (so that existence is indexed too).</summary>
    public static IEnumerable<(string Attribute, double? Number, string? Text)> Of(JsonObject entity)
    {
        foreach (var (name, node) in entity)
        {
            if (Members.EntityReserved.Contains(name) || node is not JsonArray instances) continue;
            var any = false;
            foreach (var row in Values(name, instances))
            {
                any = true;
                yield return row;
            }
            if (!any) yield return (name, null, null);
        }
    }

    private static IEnumerable<(string Attribute, double? Number, string? Text)> Values(string name, JsonArray instances)
    {
        {
            foreach (var instance in instances.OfType<JsonObject>())
            {
                var type = instance[Members.Type]?.GetValue<string>() ?? AttributeTypes.Property;
                var content = instance[AttributeTypes.ValueMember(type)];
                IEnumerable<JsonNode?> values = type switch
                {
                    AttributeTypes.LanguageProperty when content is JsonObject map => map.SelectMany(kv => kv.Value is JsonArray texts ? texts.AsEnumerable() : new[] { kv.Value }),
                    AttributeTypes.ListRelationship when content is JsonArray list => list.Select(o => (o as JsonObject)?[Members.Object]),
                    _ => content is JsonArray array ? array : new[] { content },
                };
                foreach (var value in values)
                {
                    var scalar = value is JsonObject wrapped && wrapped["@value"] is { } literal ? literal : value;
                    if (scalar is not JsonValue v) continue;
                    switch (v.GetValueKind())
                    {
                        case JsonValueKind.Number: yield return (name, Validation.NumberOf(v), null); break;
                        case JsonValueKind.String: yield return (name, null, v.GetValue<string>()); break;
                    }
                }
            }
        }
    }
}
