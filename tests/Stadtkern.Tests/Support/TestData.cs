using System.Text.Json.Nodes;

namespace Stadtkern.Tests.Support;

/// <summary>Ids, types and entity bodies for tests: every test makes its own, so tests sharing a broker never see each other's data.</summary>
public static class TestData
{
    /// <summary>A new entity id of the form <c>urn:ngsi-ld:{type}:{guid}</c>.</summary>
    public static string NewId(string type = "Thing") => $"urn:ngsi-ld:{type}:{Guid.NewGuid():N}";

    /// <summary>A new entity type name no other test uses.</summary>
    public static string NewType(string stem = "T") => stem + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A new tenant name no other test uses.</summary>
    public static string NewTenant() => $"tenant-{Guid.NewGuid():N}";

    public static JsonObject Parse(string json) => JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("not a JSON object", nameof(json));

    public static JsonArray ParseArray(string json) => JsonNode.Parse(json) as JsonArray ?? throw new ArgumentException("not a JSON array", nameof(json));

    public static JsonArray Array(params JsonNode[] items) => new(items.Select(i => (JsonNode?)i.DeepClone()).ToArray());

    /// <summary>An entity with the given id and type and a numeric Property <c>temperature</c>.</summary>
    public static JsonObject Entity(string id, string type, double temperature = 20.5) => Parse($$"""
        {
          "id": "{{id}}",
          "type": "{{type}}",
          "temperature": { "type": "Property", "value": {{temperature.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "unitCode": "CEL" }
        }
        """);

    /// <summary>A Point location GeoProperty at longitude/latitude.</summary>
    public static JsonObject Point(double lon, double lat) => new()
    {
        ["type"] = "GeoProperty",
        ["value"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) },
    };

    /// <summary>The value of a normalized Property, or the whole member when it is not an object.</summary>
    public static JsonNode? ValueOf(JsonObject entity, string attribute) =>
        entity[attribute] is JsonObject o ? o["value"] : entity[attribute];

    /// <summary>True when two JSON nodes are equal (member order ignored).</summary>
    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
