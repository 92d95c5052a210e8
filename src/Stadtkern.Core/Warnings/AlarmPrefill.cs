using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Model;

namespace Stadtkern.Warnings;

/// <summary>
/// Turns an alarm — an NGSI-LD entity of the Smart Data Models type <c>Alert</c> — into a draft warning: category,
/// severity, texts, validity and area are carried over; urgency and certainty are left Unknown for a person to decide.
/// </summary>
/// <remarks>Attributes are matched by their short name, so an alarm stored with the Smart Data Models context and one stored with the core context both read.</remarks>
public static class AlarmPrefill
{
    /// <summary>Radius of the circle drawn around an alarm that has only a point location.</summary>
    public const double PointRadiusKm = 1.0;

    public static AlertDocument Compose(JsonObject entity, string sender)
    {
        var id = entity[Members.Id]?.GetValue<string>() ?? "";
        if (!(entity[Members.Type] as JsonArray ?? []).Any(t => ShortName(t!.GetValue<string>()) == "Alert"))
            throw NgsiLdException.BadData($"Entity {id} is not of type Alert; a warning can only be drafted from an alarm.");
        string? Text(string name) => Value(entity, name) switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["@value"] is JsonValue v && v.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        var category = Text("category");
        var subCategory = Text("subCategory");
        var eventName = subCategory ?? category ?? "Alarm";
        var info = new InfoDocument
        {
            Language = "de-DE",
            Category = [CapCategory(category)],
            Event = eventName,
            Urgency = "Unknown",
            Severity = CapSeverity(Text("severity")),
            Certainty = "Unknown",
            Headline = Text("name") ?? eventName,
            Description = Text("description"),
            Area = Value(entity, "location") is JsonObject geometry ? [Area(geometry, Text("address") ?? $"Ort des Alarms {id}")] : null,
        };
        if (CapVocabulary.TryParseTime(Text("validFrom"), out var from)) info.Effective = CapVocabulary.FormatTime(from);
        if (CapVocabulary.TryParseTime(Text("validTo"), out var to) && (info.Effective is null || to > from)) info.Expires = CapVocabulary.FormatTime(to);
        return new AlertDocument
        {
            Sender = sender,
            Status = "Actual",
            MsgType = "Alert",
            Scope = "Public",
            Note = $"Drafted from alarm {id}.",
            Info = [info],
        };
    }

    /// <summary>The Smart Data Models categories, as CAP categories.</summary>
    public static string CapCategory(string? category) => category switch
    {
        "traffic" => "Transport",
        "weather" => "Met",
        "naturalDisaster" => "Geo",
        "environment" => "Env",
        "health" => "Health",
        "security" => "Security",
        "fire" => "Fire",
        _ => "Other",
    };

    /// <summary>The Smart Data Models severities (informational, low, medium, high, critical), as CAP severities.</summary>
    public static string CapSeverity(string? severity) => severity switch
    {
        "critical" => "Extreme",
        "high" => "Severe",
        "medium" => "Moderate",
        "low" or "informational" => "Minor",
        _ => "Unknown",
    };

    /// <summary>GeoJSON (longitude first) into CAP geometry (latitude first): polygons keep their outer rings, a point becomes a circle.</summary>
    private static AreaDocument Area(JsonObject geometry, string description)
    {
        var area = new AreaDocument { AreaDesc = description };
        var coordinates = geometry["coordinates"] as JsonArray;
        switch (geometry["type"]?.GetValue<string>())
        {
            case "Point":
                area.Circle = [new CircleDocument { Center = Point(coordinates).ToString(), Radius = PointRadiusKm }];
                break;
            case "Polygon":
                area.Polygon = [Ring(coordinates?[0] as JsonArray)];
                break;
            case "MultiPolygon":
                area.Polygon = (coordinates ?? []).Select(p => Ring((p as JsonArray)?[0] as JsonArray)).ToList();
                break;
            default:
                throw NgsiLdException.BadData($"The alarm's location is a {geometry["type"]}; a warning area is drawn from a Point, Polygon or MultiPolygon.");
        }
        return area;
    }

    private static List<string> Ring(JsonArray? ring) => (ring ?? []).Select(p => Point(p as JsonArray).ToString()).ToList();

    private static CapPoint Point(JsonArray? position)
    {
        if (position is not [JsonValue lon, JsonValue lat, ..] || !lon.TryGetValue<double>(out var x) || !lat.TryGetValue<double>(out var y))
            throw NgsiLdException.BadData("The alarm's location holds a position that is not [longitude, latitude].");
        return CapPoint.FromGeoJson(x, y, out var problem) ?? throw NgsiLdException.BadData($"The alarm's location: {problem}.");
    }

    private static JsonNode? Value(JsonObject entity, string shortName) =>
        entity.FirstOrDefault(m => !Members.EntityReserved.Contains(m.Key) && ShortName(m.Key) == shortName).Value is JsonArray { Count: > 0 } instances
            ? instances[0]?[Members.Value]
            : null;

    private static string ShortName(string iri) => iri[(iri.LastIndexOfAny(['/', '#', ':']) + 1)..];
}
