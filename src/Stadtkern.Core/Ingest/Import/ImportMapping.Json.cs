using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stadtkern.Ingest.Import;

/// <summary>The mapping as a JSON document (the <c>--mapping</c> file, the <c>mapping</c> parameter, the lake record).</summary>
public sealed partial record ImportMapping
{
    private static readonly string[] Known =
        ["format", "type", "idColumn", "idTemplate", "latitude", "longitude", "observedAt", "delimiter", "decimalComma", "context", "columns", "ignore"];

    /// <summary>Reads a mapping document; unknown members are refused, so that a misspelt key does not pass unnoticed.</summary>
    public static ImportMapping Parse(string json)
    {
        JsonObject document;
        try
        {
            document = JsonNode.Parse(json) as JsonObject ?? throw Bad("is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw Bad($"is not valid JSON: {e.Message}");
        }
        foreach (var (name, _) in document)
            if (!Known.Contains(name)) throw Bad($"has an unknown member '{name}'; known are {string.Join(", ", Known)}.");
        var delimiter = Text(document, "delimiter");
        return new ImportMapping
        {
            Format = Text(document, "format") is { } format ? ImportFormats.Parse(format) : ImportFormat.Csv,
            Type = Text(document, "type"),
            IdColumn = Text(document, "idColumn"),
            IdTemplate = Text(document, "idTemplate"),
            Latitude = Text(document, "latitude"),
            Longitude = Text(document, "longitude"),
            ObservedAt = Text(document, "observedAt"),
            Delimiter = delimiter is null ? ',' : delimiter.Length == 1 ? delimiter[0] : throw Bad("has a delimiter that is not one character."),
            DecimalComma = document["decimalComma"] is { } comma
                ? comma.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? comma.GetValue<bool>() : throw Bad("has a decimalComma that is not true or false.")
                : false,
            Context = Text(document, "context"),
            Columns = ReadColumns(document["columns"]),
            Ignore = document["ignore"] is { } ignore
                ? ignore is JsonArray list && list.All(i => i?.GetValueKind() == JsonValueKind.String)
                    ? list.Select(i => i!.GetValue<string>()).ToHashSet(StringComparer.Ordinal)
                    : throw Bad("has an 'ignore' that is not an array of column names.")
                : new HashSet<string>(StringComparer.Ordinal),
        };
    }

    private static string? Text(JsonObject document, string name) => document[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw Bad($"has a '{name}' that is not a string."),
    };

    private static Dictionary<string, ColumnMapping> ReadColumns(JsonNode? node)
    {
        var columns = new Dictionary<string, ColumnMapping>(StringComparer.Ordinal);
        if (node is null) return columns;
        if (node is not JsonObject all) throw Bad("has 'columns' that is not an object of column name → {name, type, unitCode}.");
        foreach (var (column, value) in all)
        {
            if (value is not JsonObject entry) throw Bad($"maps column '{column}' to something other than an object {{name, type, unitCode}}.");
            foreach (var (member, _) in entry)
                if (member is not ("name" or "type" or "unitCode")) throw Bad($"has an unknown member '{member}' for column '{column}'; known are name, type, unitCode.");
            columns[column] = new ColumnMapping(Text(entry, "name"), Text(entry, "type") is { } kind ? ParseKind(column, kind) : ValueKind.Auto, Text(entry, "unitCode"));
        }
        return columns;
    }

    private static ValueKind ParseKind(string column, string kind) => kind switch
    {
        "auto" => ValueKind.Auto,
        "number" => ValueKind.Number,
        "string" => ValueKind.String,
        "boolean" => ValueKind.Boolean,
        "date-time" => ValueKind.DateTime,
        "relationship" => ValueKind.Relationship,
        _ => throw Bad($"gives column '{column}' the type '{kind}'; use number, string, boolean, date-time, relationship or auto."),
    };

    private static string KindName(ValueKind kind) => kind == ValueKind.DateTime ? "date-time" : kind.ToString().ToLowerInvariant();

    /// <summary>The mapping as a document that <see cref="Parse"/> reads back to an equal mapping.</summary>
    public string ToJson()
    {
        var columns = new JsonObject();
        foreach (var (column, target) in Columns)
        {
            var entry = new JsonObject();
            if (target.Name is not null) entry["name"] = target.Name;
            if (target.Kind != ValueKind.Auto) entry["type"] = KindName(target.Kind);
            if (target.UnitCode is not null) entry["unitCode"] = target.UnitCode;
            columns[column] = entry;
        }
        var document = new JsonObject
        {
            ["format"] = Format.Name(),
            ["type"] = Type,
            ["idColumn"] = IdColumn,
            ["idTemplate"] = IdTemplate,
            ["latitude"] = Latitude,
            ["longitude"] = Longitude,
            ["observedAt"] = ObservedAt,
            ["delimiter"] = Delimiter.ToString(),
            ["decimalComma"] = DecimalComma,
            ["context"] = Context,
            ["columns"] = columns,
            ["ignore"] = new JsonArray(Ignore.Order(StringComparer.Ordinal).Select(i => (JsonNode?)i).ToArray()),
        };
        foreach (var (name, value) in document.ToList())
            if (value is null) document.Remove(name);
        return document.ToJsonString();
    }
}
