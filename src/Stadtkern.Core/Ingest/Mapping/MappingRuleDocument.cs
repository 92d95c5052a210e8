using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Stadtkern.Errors;

namespace Stadtkern.Ingest.Mapping;

/// <summary>A mapping rule as it is written: in the API's JSON, in configuration (<c>Stadtkern:MqttMappings</c>) and in the store.</summary>
public sealed class MappingRuleDocument
{
    public string? Id { get; set; }

    /// <summary>MQTT topic filter with named single-level segments, e.g. <c>city/air/{station}/state</c>; <c>+</c> and a final <c>#</c> as in MQTT.</summary>
    public string? Topic { get; set; }

    /// <summary>Target tenant; empty or absent is the default tenant.</summary>
    public string? Tenant { get; set; }

    /// <summary>Entity id template: <c>{name}</c> is a captured topic segment, or else a payload field path.</summary>
    public string? EntityId { get; set; }

    public string? EntityType { get; set; }

    /// <summary>A JSON-LD context URL that expands the type and attribute names; the core context when absent.</summary>
    public string? Context { get; set; }

    /// <summary>Where the observation time is in the payload; the receive time when absent.</summary>
    public TimeFieldDocument? ObservedAt { get; set; }

    /// <summary>Payload fields holding WGS 84 latitude and longitude, mapped to the <c>location</c> GeoProperty.</summary>
    public LocationDocument? Location { get; set; }

    public List<AttributeMappingDocument>? Attributes { get; set; }

    /// <summary>Reads a rule from JSON; unknown members and wrong value types are BadRequestData.</summary>
    public static MappingRuleDocument Read(JsonNode body)
    {
        try
        {
            return body.Deserialize(MappingJson.Default.MappingRuleDocument) ?? throw NgsiLdException.BadData("A mapping rule must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw NgsiLdException.BadData($"The mapping rule does not read: {e.Message}");
        }
    }

    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, MappingJson.Default.MappingRuleDocument)!;
}

/// <summary>One payload field mapped to one attribute.</summary>
public sealed class AttributeMappingDocument
{
    /// <summary>Dotted path into the payload; arrays by index (<c>data.pm10</c>, <c>values[0]</c>).</summary>
    public string? Field { get; set; }

    public string? Attribute { get; set; }

    /// <summary>json (as given, the default), number, string, boolean, lookup or dateTime.</summary>
    public string? Type { get; set; }

    /// <summary>For numbers: value × scale + offset.</summary>
    public decimal? Scale { get; set; }

    public decimal? Offset { get; set; }

    /// <summary>For lookup: the payload value as text → the attribute value.</summary>
    public Dictionary<string, string>? Map { get; set; }

    /// <summary>For dateTime: iso8601 (default), unixSeconds or unixMilliseconds.</summary>
    public string? Format { get; set; }

    /// <summary>UN/CEFACT unit code, e.g. <c>CEL</c>, <c>GQ</c> (µg/m³), <c>P1</c> (%).</summary>
    public string? UnitCode { get; set; }

    /// <summary>This attribute's own observation time, instead of the rule's.</summary>
    public TimeFieldDocument? ObservedAt { get; set; }

    /// <summary>A missing field is skipped instead of refusing the message.</summary>
    public bool Optional { get; set; }
}

/// <summary>A payload field that holds an instant, and how it is written.</summary>
public sealed class TimeFieldDocument
{
    public string? Field { get; set; }

    /// <summary>iso8601 (default), unixSeconds or unixMilliseconds.</summary>
    public string? Format { get; set; }
}

/// <summary>The payload fields of a position.</summary>
public sealed class LocationDocument
{
    public string? Latitude { get; set; }

    public string? Longitude { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(MappingRuleDocument))]
internal sealed partial class MappingJson : JsonSerializerContext;
