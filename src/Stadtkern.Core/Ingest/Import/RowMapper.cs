using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Model;

namespace Stadtkern.Ingest.Import;

/// <summary>Turns one row (CSV record or GeoJSON feature) into an NGSI-LD entity as the mapping says; a value that does not fit refuses the row.</summary>
internal sealed class RowMapper
{
    private readonly ImportMapping _mapping;
    private readonly NumberFormatInfo _numbers;
    private readonly HashSet<string> _consumed;
    private readonly IReadOnlyList<string> _templateColumns;

    public RowMapper(ImportMapping mapping)
    {
        _mapping = mapping;
        _numbers = mapping.DecimalComma
            ? new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." }
            : NumberFormatInfo.InvariantInfo;
        _templateColumns = mapping.IdTemplate is { } template ? ImportMapping.TemplateColumns(template) : [];
        // Columns that feed the id, the location or the time are not attributes of their own, unless the mapping lists them.
        _consumed = new HashSet<string>(mapping.Ignore, StringComparer.Ordinal);
        foreach (var column in new[] { mapping.IdColumn, mapping.Latitude, mapping.Longitude, mapping.ObservedAt }.Concat(_templateColumns))
            if (column is not null && !mapping.Columns.ContainsKey(column)) _consumed.Add(column);
    }

    public bool IsAttribute(string column) => !_consumed.Contains(column);

    public string AttributeName(string column) => _mapping.Columns.TryGetValue(column, out var target) && target.Name is { } name ? name : column;

    /// <summary>Checks a CSV header against the mapping: every named column exists and every attribute name is allowed.</summary>
    public void CheckHeader(IReadOnlyList<string> header)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in header)
            if (!known.Add(column)) throw ImportMapping.Bad($"cannot tell the two columns named '{column}' apart; the header names it twice.");
        var named = new[] { _mapping.IdColumn, _mapping.Latitude, _mapping.Longitude, _mapping.ObservedAt }.Concat(_templateColumns).Concat(_mapping.Columns.Keys);
        foreach (var column in named)
            if (column is not null && !known.Contains(column))
                throw ImportMapping.Bad($"names the column '{column}', which the file does not have (its columns: {string.Join(", ", header)}).");
        if (_mapping.IdColumn is null && _mapping.IdTemplate is null)
            throw ImportMapping.Bad("needs 'idColumn' or 'idTemplate' to give each row its entity id.");
        foreach (var column in header.Where(IsAttribute)) _mapping.CheckAttributeName(column, AttributeName(column));
    }

    /// <summary>The entity of one row. <paramref name="valueOf"/> gives a column's value (null when empty); text values are typed by the mapping.</summary>
    public JsonObject Map(IEnumerable<string> columns, Func<string, JsonNode?> valueOf, bool fromText, JsonNode? givenId = null, JsonNode? geometry = null)
    {
        var entity = new JsonObject { [Members.Id] = Id(valueOf, givenId), [Members.Type] = _mapping.Type };
        string? observedAt = null;
        if (_mapping.ObservedAt is { } timeColumn)
        {
            var time = valueOf(timeColumn) ?? throw NgsiLdException.BadData($"The observedAt column '{timeColumn}' is empty.");
            observedAt = ((JsonValue)DateTime(timeColumn, time)!["@value"]!).GetValue<string>();
        }
        if (Location(valueOf, geometry) is { } location) entity["location"] = Attribute(AttributeTypes.GeoProperty, Members.Value, location, null, observedAt);
        foreach (var column in columns)
        {
            if (!IsAttribute(column) || valueOf(column) is not { } raw) continue;
            var name = AttributeName(column);
            if (Members.EntityReserved.Contains(name) || name == "location" && entity.ContainsKey("location"))
                throw NgsiLdException.BadData($"The column '{column}' would overwrite the entity's '{name}'; rename or ignore it in the mapping.");
            var target = _mapping.Columns.GetValueOrDefault(column) ?? new ColumnMapping();
            entity[name] = target.Kind == ValueKind.Relationship
                ? Attribute(AttributeTypes.Relationship, Members.Object, Relationship(column, raw), null, observedAt)
                : Attribute(AttributeTypes.Property, Members.Value, Value(column, target.Kind, raw, fromText), target.UnitCode, observedAt);
        }
        return entity;
    }

    private static JsonObject Attribute(string type, string member, JsonNode value, string? unitCode, string? observedAt)
    {
        var attribute = new JsonObject { [Members.Type] = type, [member] = value };
        if (unitCode is not null) attribute[Members.UnitCode] = unitCode;
        if (observedAt is not null) attribute[Members.ObservedAt] = observedAt;
        return attribute;
    }

    private string Id(Func<string, JsonNode?> valueOf, JsonNode? givenId)
    {
        if (_mapping.IdTemplate is { } template)
        {
            var id = template;
            foreach (var column in _templateColumns)
            {
                var value = valueOf(column) ?? throw NgsiLdException.BadData($"The id column '{column}' is empty.");
                id = id.Replace("{" + column + "}", Uri.EscapeDataString(TextOf(value)), StringComparison.Ordinal);
            }
            return Validation.IsUri(id) ? id : throw NgsiLdException.BadData($"The id '{id}' made from the template is not a URI.");
        }
        var raw = _mapping.IdColumn is { } idColumn
            ? valueOf(idColumn) ?? throw NgsiLdException.BadData($"The id column '{idColumn}' is empty.")
            : givenId ?? throw NgsiLdException.BadData("The row has no id, and the mapping names no idColumn or idTemplate.");
        var text = TextOf(raw);
        return Validation.IsUri(text) ? text : $"urn:ngsi-ld:{_mapping.Type}:{Uri.EscapeDataString(text)}";
    }

    private JsonNode? Location(Func<string, JsonNode?> valueOf, JsonNode? geometry)
    {
        if (_mapping.Latitude is not { } latColumn || _mapping.Longitude is not { } lonColumn) return geometry?.DeepClone();
        var (lat, lon) = (valueOf(latColumn), valueOf(lonColumn));
        if (lat is null && lon is null) return null;
        if (lat is null || lon is null) throw NgsiLdException.BadData($"Only one of the coordinates '{latColumn}' and '{lonColumn}' is given.");
        var latitude = Number(latColumn, lat);
        var longitude = Number(lonColumn, lon);
        if (Math.Abs(latitude) > 90 || Math.Abs(longitude) > 180)
            throw NgsiLdException.BadData($"The coordinates {latitude.ToString(CultureInfo.InvariantCulture)}, {longitude.ToString(CultureInfo.InvariantCulture)} are not a latitude and longitude (WGS 84).");
        return new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(longitude, latitude) };
    }

    private JsonNode Value(string column, ValueKind kind, JsonNode raw, bool fromText) => kind switch
    {
        ValueKind.Number => AsParsed(Number(column, raw)),
        ValueKind.String => TextOf(raw),
        ValueKind.Boolean => Boolean(column, raw),
        ValueKind.DateTime => DateTime(column, raw),
        _ => fromText && TryNumber(TextOf(raw), out _, out var number) ? number : raw.DeepClone(),
    };

    private double Number(string column, JsonNode raw)
    {
        if (raw.GetValueKind() == JsonValueKind.Number) return raw.GetValue<double>();
        return TryNumber(TextOf(raw), out var number, out _) ? number
            : throw NgsiLdException.BadData($"The value '{TextOf(raw)}' of column '{column}' is not a number{(_mapping.DecimalComma ? " (with a decimal comma)" : "")}.");
    }

    /// <summary>A number as the file writes it; leading zeros (postcodes, keys) and non-finite values stay text.</summary>
    private bool TryNumber(string text, out double number, out JsonValue node)
    {
        number = 0;
        node = null!;
        var digits = text.TrimStart('-', '+');
        if (digits.Length > 1 && digits[0] == '0' && char.IsAsciiDigit(digits[1])) return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            (number, node) = (whole, AsParsed(whole));
            return true;
        }
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, _numbers, out number) || !double.IsFinite(number))
            return false;
        node = AsParsed(number);
        return true;
    }

    // Built as if read from JSON, so that readers asking for a double or a long get either, as with values clients send.
    private static JsonValue AsParsed<T>(T number) where T : IFormattable =>
        (JsonValue)JsonNode.Parse(number.ToString(null, CultureInfo.InvariantCulture))!;

    private static JsonNode Boolean(string column, JsonNode raw)
    {
        if (raw.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return raw.DeepClone();
        return TextOf(raw).ToLowerInvariant() switch
        {
            "true" or "yes" or "ja" or "1" => true,
            "false" or "no" or "nein" or "0" => false,
            var other => throw NgsiLdException.BadData($"The value '{other}' of column '{column}' is not a boolean (true/false, yes/no, ja/nein, 1/0)."),
        };
    }

    private static JsonObject DateTime(string column, JsonNode raw)
    {
        var text = TextOf(raw);
        if (!Validation.TryParseDateTime(text, out _))
            throw NgsiLdException.BadData($"The value '{text}' of column '{column}' is not a date-time (ISO 8601, e.g. 2026-01-31T12:00:00Z).");
        return new JsonObject { ["@type"] = "DateTime", ["@value"] = Validation.NormalizeDateTime(text) };
    }

    private static string Relationship(string column, JsonNode raw)
    {
        var text = TextOf(raw);
        return Validation.IsUri(text) ? text : throw NgsiLdException.BadData($"The value '{text}' of column '{column}' is not a URI, so it cannot be a relationship.");
    }

    private static string TextOf(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
}
