using System.Text.Json.Nodes;
using Stadtkern.JsonLd;
using Stadtkern.Model;

namespace Stadtkern.Watch;

/// <summary>
/// Alarms are entities of the Smart Data Models type <c>Alert</c>, linked to the entity that caused them (<c>alertSource</c>
/// and the relationship <c>causedBy</c>), with the lifecycle raised → acknowledged → cleared in <c>alarmStatus</c>.
/// Every step is an attribute change, so the temporal API keeps the alarm's full history.
/// </summary>
public static class AlarmEntity
{
    public const string Raised = "raised";
    public const string Acknowledged = "acknowledged";
    public const string Cleared = "cleared";

    public static readonly string Type = JsonLdContext.Core.Expand("Alert");

    public static string Expand(string name) => JsonLdContext.Core.Expand(name);

    private static JsonObject Property(JsonNode? value) => new() { ["type"] = "Property", ["value"] = value };

    private static JsonObject Instant(DateTimeOffset at) => Property(new JsonObject { ["@type"] = "DateTime", ["@value"] = Validation.Format(at) });

    /// <summary>The compacted body of a new alarm (core context).</summary>
    public static JsonObject Raise(WatchRule rule, string sourceId, JsonObject source, WatchReading reading, string description, DateTimeOffset now)
    {
        var body = new JsonObject
        {
            ["id"] = $"urn:ngsi-ld:Alert:{Guid.NewGuid():N}",
            ["type"] = "Alert",
            ["category"] = Property(rule.Category),
            ["severity"] = Property(rule.Severity),
            ["description"] = Property($"{rule.Name}: {description}"),
            ["alertSource"] = Property(sourceId),
            ["causedBy"] = new JsonObject { ["type"] = "Relationship", ["object"] = sourceId },
            ["dateIssued"] = Instant(now),
            ["validFrom"] = Instant(reading.At),
            ["alarmStatus"] = Property(Raised),
            ["watchRule"] = Property(rule.Id),
        };
        if (reading.Number is { } value) body["triggerValue"] = Property(value);
        if ((source[Expand("location")] as JsonArray)?.OfType<JsonObject>().FirstOrDefault()?[Members.Value] is JsonObject location)
            body["location"] = new JsonObject { ["type"] = "GeoProperty", ["value"] = location.DeepClone() };
        return body;
    }

    /// <summary>The attributes a lifecycle step sets: its status, who and when, and the comment if any.</summary>
    public static JsonObject Step(string status, string by, DateTimeOffset at, string? comment)
    {
        var step = new JsonObject { ["alarmStatus"] = Property(status) };
        if (status == Acknowledged)
        {
            step["acknowledgedBy"] = Property(by);
            step["acknowledgedAt"] = Instant(at);
        }
        if (status == Cleared)
        {
            step["clearedBy"] = Property(by);
            step["clearedAt"] = Instant(at);
            step["validTo"] = Instant(at);
        }
        if (comment is not null) step["comment"] = Comment(by, comment);
        return step;
    }

    public static JsonObject Comment(string by, string text)
    {
        var comment = Property(text);
        comment["commentedBy"] = Property(by);
        return comment;
    }

    /// <summary>A property's value in a stored (expanded) alarm, as text; DateTime values as their instant.</summary>
    public static string? Text(JsonObject alarm, string name) =>
        (alarm[Expand(name)] as JsonArray)?.OfType<JsonObject>().FirstOrDefault()?[Members.Value] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["@value"] is JsonValue at && at.TryGetValue<string>(out var s) => s,
            _ => null,
        };

    public static bool IsAlarm(JsonObject entity) =>
        entity[Members.Type] is JsonArray types && types.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && s == Type);
}
