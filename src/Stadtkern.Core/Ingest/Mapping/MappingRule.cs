using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Model;

namespace Stadtkern.Ingest.Mapping;

/// <summary>Where a rule was given: over the API (stored, managed there) or in configuration (read-only over the API).</summary>
public enum MappingOrigin
{
    Api,
    Config,
}

/// <summary>
/// A checked mapping rule: which topics it takes, and how their JSON payloads become one entity each — or, for a payload
/// that is a JSON array, one entity per element (a batch of readings; every element must map, or none is applied).
/// Payload fields without a mapping are ignored.
/// </summary>
public sealed class MappingRule
{
    private const string LocationAttribute = "location";
    private readonly List<(string Text, string? Name, PayloadPath? Field)> _entityId;

    private MappingRule(MappingRuleDocument document, MappingOrigin origin)
    {
        Document = document;
        Origin = origin;
        Id = document.Id is { Length: > 0 and <= 256 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? id : throw NgsiLdException.BadData($"A mapping rule needs an id of letters, digits, '-', '_', '.' and ':' (got '{document.Id}').");
        Pattern = TopicPattern.Parse(document.Topic);
        Tenant = string.IsNullOrEmpty(document.Tenant) || document.Tenant == MqttTopic.DefaultTenant ? ""
            : Validation.IsTenant(document.Tenant) ? document.Tenant : throw NgsiLdException.BadData($"'{document.Tenant}' is not a tenant name.");
        _entityId = ParseTemplate(document.EntityId, Pattern.Names.ToHashSet(StringComparer.Ordinal));
        EntityType = Validation.IsName(document.EntityType) ? document.EntityType! : throw NgsiLdException.BadData("A mapping rule needs an entityType (a name or IRI).");
        if (document.Context is { } context && !(Uri.TryCreate(context, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            throw NgsiLdException.BadData($"The context '{context}' is not an http(s) URL.");
        ObservedAt = document.ObservedAt is { } time ? InstantField.Compile(time, "observedAt") : null;
        if (document.Location is { } location)
            Location = (PayloadPath.Parse(location.Latitude, "location.latitude"), PayloadPath.Parse(location.Longitude, "location.longitude"));
        Attributes = (document.Attributes ?? []).Select((a, i) => AttributeMapping.Compile(a, $"attributes[{i}]")).ToList();
        if (Attributes.Count == 0 && Location is null) throw NgsiLdException.BadData("A mapping rule needs at least one attribute mapping or a location.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (Location is not null) names.Add(LocationAttribute);
        foreach (var attribute in Attributes)
        {
            if (!Validation.IsName(attribute.Name) || Members.EntityReserved.Contains(attribute.Name))
                throw NgsiLdException.BadData($"'{attribute.Name}' cannot be an attribute name.");
            if (!names.Add(attribute.Name)) throw NgsiLdException.BadData($"The attribute '{attribute.Name}' is mapped twice.");
        }
    }

    public string Id { get; }

    public MappingOrigin Origin { get; }

    public MappingRuleDocument Document { get; }

    public TopicPattern Pattern { get; }

    public string Tenant { get; }

    public string EntityType { get; }

    public InstantField? ObservedAt { get; }

    public (PayloadPath Latitude, PayloadPath Longitude)? Location { get; }

    public IReadOnlyList<AttributeMapping> Attributes { get; }

    /// <summary>Checks a rule document; every problem is BadRequestData naming what is wrong.</summary>
    public static MappingRule Compile(MappingRuleDocument document, MappingOrigin origin) => new(document, origin);

    /// <summary>The entities a payload maps to (NGSI-LD normalised form, core-context names); a payload the rule cannot read is refused with the field and the reason.</summary>
    public JsonArray Map(JsonNode payload, IReadOnlyDictionary<string, string> captures, DateTimeOffset receivedAt)
    {
        if (payload is not JsonArray readings) return [Entity(payload, captures, receivedAt)];
        if (readings.Count == 0) throw NgsiLdException.BadData("The payload is an empty array of readings.");
        var entities = new JsonArray();
        for (var i = 0; i < readings.Count; i++)
        {
            try
            {
                entities.Add(Entity(readings[i], captures, receivedAt));
            }
            catch (NgsiLdException e)
            {
                throw NgsiLdException.BadData($"reading [{i}]: {e.Detail}");
            }
        }
        return entities;
    }

    private JsonObject Entity(JsonNode? reading, IReadOnlyDictionary<string, string> captures, DateTimeOffset receivedAt)
    {
        var observedAt = ObservedAt?.Read(reading) ?? receivedAt;
        var entity = new JsonObject { [Members.Id] = EntityId(reading, captures), [Members.Type] = EntityType };
        if (Location is var (latitude, longitude))
        {
            entity[LocationAttribute] = new JsonObject
            {
                [Members.Type] = AttributeTypes.GeoProperty,
                [Members.Value] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Degrees(reading, longitude, 180), Degrees(reading, latitude, 90)) },
                [Members.ObservedAt] = Validation.Format(observedAt),
            };
        }
        foreach (var attribute in Attributes)
            if (attribute.Property(reading, observedAt) is { } property) entity[attribute.Name] = property;
        return entity;
    }

    private static double Degrees(JsonNode? reading, PayloadPath path, int bound)
    {
        if (!path.TryResolve(reading, out var node) || node is null) throw Refusal.Missing(path);
        return Refusal.TryNumber(node, out var degrees) && Math.Abs(degrees) <= bound ? (double)degrees : throw Refusal.Wrong(path, node, $"degrees within ±{bound}");
    }

    private string EntityId(JsonNode? reading, IReadOnlyDictionary<string, string> captures)
    {
        var id = new StringBuilder();
        foreach (var (text, name, field) in _entityId)
        {
            if (name is not null) id.Append(captures[name]);
            else if (field is not null)
            {
                if (!field.TryResolve(reading, out var node) || node is null) throw Refusal.Missing(field);
                id.Append(node is JsonValue v && v.TryGetValue<string>(out var s) ? s
                    : Refusal.TryNumber(node, out _) ? node.ToJsonString() : throw Refusal.Wrong(field, node, "a string or number for the entity id"));
            }
            else id.Append(text);
        }
        return Validation.IsUri(id.ToString()) ? id.ToString() : throw NgsiLdException.BadData($"the entity id '{id}' is not a URI.");
    }

    /// <summary>Splits the template into text, captured segments and payload fields (a captured name wins over a field of the same name).</summary>
    private static List<(string, string?, PayloadPath?)> ParseTemplate(string? template, HashSet<string> captured)
    {
        if (string.IsNullOrEmpty(template)) throw NgsiLdException.BadData("A mapping rule needs an entityId template, e.g. urn:ngsi-ld:AirQualityObserved:{station}.");
        var parts = new List<(string, string?, PayloadPath?)>();
        var sample = new StringBuilder();
        var rest = template.AsSpan();
        while (rest.Length > 0)
        {
            var open = rest.IndexOf('{');
            var close = rest.IndexOf('}');
            if (open < 0 && close < 0)
            {
                parts.Add((rest.ToString(), null, null));
                sample.Append(rest);
                break;
            }
            if (close < open || open < 0) throw NgsiLdException.BadData($"The entityId template '{template}' has unbalanced braces.");
            if (open > 0) parts.Add((rest[..open].ToString(), null, null));
            sample.Append(rest[..open]).Append('x');
            var name = rest[(open + 1)..close].ToString();
            parts.Add(captured.Contains(name) ? ("", name, null) : ("", null, PayloadPath.Parse(name, $"The entityId template '{template}'")));
            rest = rest[(close + 1)..];
        }
        if (!Validation.IsUri(sample.ToString())) throw NgsiLdException.BadData($"The entityId template '{template}' does not make a URI.");
        return parts;
    }
}
