using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Anonymisation;
using Stadtkern.JsonLd;
using Stadtkern.Model;

namespace Stadtkern.Catalog;

/// <summary>
/// Turns entities (stored form) into table rows: <c>id</c>, <c>type</c>, one column per attribute under its compacted
/// name (Property values as numbers, text, booleans or instants; GeoProperty points as points, other geometries as
/// GeoJSON text; Relationships as the target's id; LanguageProperties in German, else the first language), and
/// <c>observedAt</c>, the newest observation among the attributes.
/// </summary>
public sealed class EntityRows(JsonLdContext context)
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal) { ["id"] = 0, ["type"] = 1, ["observedAt"] = 2 };
    private readonly List<Dictionary<int, object?>> _rows = [];
    private readonly RenderOptions _render = new(context);

    public int Count => _rows.Count;

    public void Add(JsonObject stored)
    {
        var entity = EntityRenderer.Render(stored, _render);
        var row = new Dictionary<int, object?>
        {
            [0] = entity[Members.Id]?.GetValue<string>(),
            [1] = entity[Members.Type] switch { JsonArray a => string.Join(",", a.Select(t => t!.GetValue<string>())), { } t => t.GetValue<string>(), null => null },
        };
        DateTimeOffset? observed = null;
        foreach (var (name, node) in entity)
        {
            if (name is Members.Id or Members.Type or Members.Scope || node is null) continue;
            var attribute = node is JsonArray multi ? multi.FirstOrDefault() as JsonObject : node as JsonObject;
            if (attribute is null) continue;
            if (attribute["observedAt"]?.GetValue<string>() is { } at && Validation.TryParseDateTime(at, out var when) && (observed is null || when > observed)) observed = when;
            if (!_columns.TryGetValue(name, out var column)) _columns[name] = column = _columns.Count;
            row[column] = Value(attribute);
        }
        row[2] = observed;
        _rows.Add(row);
    }

    public Table ToTable()
    {
        var columns = _columns.OrderBy(c => c.Value).Select(c => c.Key).ToArray();
        var rows = new List<object?[]>(_rows.Count);
        foreach (var sparse in _rows)
        {
            var row = new object?[columns.Length];
            foreach (var (column, value) in sparse) row[column] = value;
            rows.Add(row);
        }
        return new Table(columns, rows);
    }

    private static object? Value(JsonObject attribute)
    {
        switch (attribute["type"]?.GetValue<string>())
        {
            case "Relationship":
                return attribute["object"] is JsonArray targets ? string.Join(",", targets.Select(t => t?.ToString())) : attribute["object"]?.ToString();
            case "GeoProperty":
                var geometry = attribute["value"];
                return geometry?["type"]?.GetValue<string>() == "Point" && geometry["coordinates"] is JsonArray { Count: >= 2 } xy
                    ? new GeoPoint(xy[0]!.GetValue<double>(), xy[1]!.GetValue<double>())
                    : geometry?.ToJsonString();
            case "LanguageProperty":
                return attribute["languageMap"] is JsonObject map ? (map["de"] ?? map.FirstOrDefault().Value)?.ToString() : null;
            default:
                return Scalar(attribute["value"]);
        }
    }

    private static object? Scalar(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => v.GetValue<double>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => v.ToString(),
        },
        JsonObject o when o["@type"]?.ToString() is "DateTime" or "https://uri.etsi.org/ngsi-ld/DateTime" && o["@value"]?.ToString() is { } text
            && Validation.TryParseDateTime(text, out var at) => at,
        _ => value.ToJsonString(),
    };
}
