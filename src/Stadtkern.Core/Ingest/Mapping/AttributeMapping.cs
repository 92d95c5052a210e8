using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Model;

namespace Stadtkern.Ingest.Mapping;

/// <summary>How a payload value becomes an attribute value.</summary>
public enum ValueConversion
{
    Json,
    Number,
    String,
    Boolean,
    Lookup,
    DateTime,
}

/// <summary>One payload field mapped to one Property: the value converted, with unit code and observation time.</summary>
public sealed class AttributeMapping
{
    private AttributeMapping(AttributeMappingDocument document, string what)
    {
        Path = PayloadPath.Parse(document.Field, what);
        Name = document.Attribute ?? throw NgsiLdException.BadData($"{what} needs an attribute name.");
        Conversion = document.Type is null ? ValueConversion.Json
            : Enum.TryParse<ValueConversion>(document.Type, ignoreCase: true, out var conversion) && !int.TryParse(document.Type, out _) ? conversion
            : throw NgsiLdException.BadData($"{what}: type '{document.Type}' is not json, number, string, boolean, lookup or dateTime.");
        if ((document.Scale is not null || document.Offset is not null) && Conversion != ValueConversion.Number)
            throw NgsiLdException.BadData($"{what}: scale and offset apply to the type number only.");
        Scale = document.Scale ?? 1;
        Offset = document.Offset ?? 0;
        if (Conversion == ValueConversion.Lookup && document.Map is not { Count: > 0 }) throw NgsiLdException.BadData($"{what}: the type lookup needs a map.");
        if (Conversion != ValueConversion.Lookup && document.Map is not null) throw NgsiLdException.BadData($"{what}: a map applies to the type lookup only.");
        Map = document.Map ?? [];
        if (document.Format is not null && Conversion != ValueConversion.DateTime) throw NgsiLdException.BadData($"{what}: format applies to the type dateTime only.");
        Format = InstantField.ParseFormat(document.Format, what);
        if (document.UnitCode is { } unit && (unit.Length == 0 || unit.Any(char.IsWhiteSpace)))
            throw NgsiLdException.BadData($"{what}: unitCode '{unit}' is not a unit code (UN/CEFACT common code, e.g. CEL).");
        UnitCode = document.UnitCode;
        ObservedAt = document.ObservedAt is { } time ? InstantField.Compile(time, $"{what} observedAt") : null;
        Optional = document.Optional;
    }

    public PayloadPath Path { get; }

    public string Name { get; }

    public ValueConversion Conversion { get; }

    public decimal Scale { get; }

    public decimal Offset { get; }

    public IReadOnlyDictionary<string, string> Map { get; }

    public InstantFormat Format { get; }

    public string? UnitCode { get; }

    public InstantField? ObservedAt { get; }

    public bool Optional { get; }

    public static AttributeMapping Compile(AttributeMappingDocument document, string what) => new(document, what);

    /// <summary>The Property for this payload, or null when an optional field is missing.</summary>
    public JsonObject? Property(JsonNode? payload, DateTimeOffset observedAt)
    {
        if (!Path.TryResolve(payload, out var raw) || raw is null)
            return Optional ? null : throw Refusal.Missing(Path);
        var property = new JsonObject { [Members.Type] = AttributeTypes.Property, [Members.Value] = Convert(raw) };
        if (UnitCode is not null) property[Members.UnitCode] = UnitCode;
        property[Members.ObservedAt] = Validation.Format(ObservedAt?.Read(payload) ?? observedAt);
        return property;
    }

    private JsonNode Convert(JsonNode raw) => Conversion switch
    {
        ValueConversion.Number => Refusal.TryNumber(raw, out var number)
            ? JsonValue.Create((double)(number * Scale + Offset)) : throw Refusal.Wrong(Path, raw, "a number"),
        ValueConversion.String => raw is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? JsonValue.Create(Text(v)) : throw Refusal.Wrong(Path, raw, "a string"),
        ValueConversion.Boolean => Boolean(raw) is { } truth ? JsonValue.Create(truth) : throw Refusal.Wrong(Path, raw, "a boolean (true/false, 1/0, on/off)"),
        ValueConversion.Lookup => raw is JsonValue key && Map.TryGetValue(Text(key), out var mapped)
            ? JsonValue.Create(mapped) : throw Refusal.Wrong(Path, raw, $"one of the lookup keys ({string.Join(", ", Map.Keys)})"),
        ValueConversion.DateTime => new JsonObject { ["@type"] = "DateTime", ["@value"] = Validation.Format(InstantField.Read(raw, Path, Format)) },
        _ => raw.DeepClone(),
    };

    private static string Text(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static bool? Boolean(JsonNode raw) => raw is not JsonValue value ? null : value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => Refusal.TryNumber(value, out var n) && n is 0 or 1 ? n == 1 : null,
        JsonValueKind.String => value.GetValue<string>().ToLowerInvariant() switch
        {
            "true" or "1" or "on" => true,
            "false" or "0" or "off" => false,
            _ => null,
        },
        _ => null,
    };
}
