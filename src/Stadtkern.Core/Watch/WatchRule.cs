using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stadtkern.Errors;
using Stadtkern.Geo;
using Stadtkern.JsonLd;
using Stadtkern.Temporal;

namespace Stadtkern.Watch;

/// <summary>
/// A watch rule: which entities (type, optional id pattern), which condition, for how many consecutive readings and how
/// long it must hold before an alarm is raised, and the alarm's severity and category. Read from its JSON document
/// (docs/watch.md); every mistake is a BadRequestData problem naming the member.
/// </summary>
public sealed class WatchRule
{
    public static readonly IReadOnlyList<string> Severities = ["informational", "low", "medium", "high", "critical"];

    private WatchRule(JsonObject document, string id, string name, string entityType, Regex? idPattern, string severity, string category,
        WatchExpression condition, int readings, TimeSpan holdFor)
    {
        Document = document;
        Id = id;
        Name = name;
        EntityType = entityType;
        IdPattern = idPattern;
        Severity = severity;
        Category = category;
        Condition = condition;
        Conditions = [.. condition.Conditions];
        Readings = readings;
        HoldFor = holdFor;
    }

    public JsonObject Document { get; }

    public string Id { get; }

    public string Name { get; }

    /// <summary>The watched type, expanded with the core context.</summary>
    public string EntityType { get; }

    public Regex? IdPattern { get; }

    public string Severity { get; }

    /// <summary>The rank of <see cref="Severity"/>: critical first.</summary>
    public int SeverityRank => Rank(Severity);

    public string Category { get; }

    /// <summary>What is watched: one condition or a combination.</summary>
    public WatchExpression Condition { get; }

    /// <summary>The simple conditions of <see cref="Condition"/>, in document order; what a rule remembers per entity is kept per condition.</summary>
    public IReadOnlyList<WatchCondition> Conditions { get; }

    /// <summary>The silence this rule watches for, checked by the clock; null for rules evaluated on readings.</summary>
    public StalenessCondition? Staleness => Condition is SingleCondition { Condition: StalenessCondition s } ? s : null;

    /// <summary>Consecutive violating readings needed before the alarm is raised.</summary>
    public int Readings { get; }

    /// <summary>How long the condition must hold before the alarm is raised (zero: at once).</summary>
    public TimeSpan HoldFor { get; }

    public static int Rank(string severity) => Severities.Count - 1 - IndexOf(severity);

    private static int IndexOf(string severity) => Math.Max(0, Severities.ToList().IndexOf(severity));

    public bool Watches(string entityId, IEnumerable<string> types) =>
        types.Contains(EntityType, StringComparer.Ordinal) && (IdPattern is null || IdPattern.IsMatch(entityId));

    public static WatchRule Read(JsonObject document)
    {
        var id = Text(document, "id") ?? throw NgsiLdException.BadData("A watch rule needs an 'id'.");
        if (id.Length > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            throw NgsiLdException.BadData($"The watch rule id '{id}' must be at most 100 letters, digits, '-', '_', '.' or ':'.");
        var type = Text(document, "entityType") ?? throw NgsiLdException.BadData("A watch rule needs an 'entityType'.");
        Regex? pattern = null;
        if (Text(document, "idPattern") is { } p)
        {
            try
            {
                pattern = new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
            }
            catch (ArgumentException e)
            {
                throw NgsiLdException.BadData($"The watch rule's idPattern is not a regular expression: {e.Message}");
            }
        }
        var severity = Text(document, "severity") ?? "medium";
        if (!Severities.Contains(severity))
            throw NgsiLdException.BadData($"The watch rule's severity '{severity}' is not one of {string.Join(", ", Severities)}.");
        var readings = document["readings"] is { } r ? Integer(r, "readings", 1, 10_000) : 1;
        var holdFor = document["for"] is { } f ? Duration(f, "for") : TimeSpan.Zero;
        var condition = ReadExpression(document["condition"] as JsonObject ?? throw NgsiLdException.BadData("A watch rule needs a 'condition' object."), 0);
        if (condition is SingleCondition { Condition: StalenessCondition } && (readings != 1 || holdFor != TimeSpan.Zero))
            throw NgsiLdException.BadData("A staleness rule has its own period ('silentFor'); 'readings' and 'for' do not apply.");
        return new WatchRule((JsonObject)document.DeepClone(), id, Text(document, "name") ?? id, JsonLdContext.Core.Expand(type), pattern, severity,
            Text(document, "category") ?? "environment", condition, readings, holdFor);
    }

    /// <summary>How deep combinations may nest, and how many simple conditions one rule may hold.</summary>
    public const int MaxDepth = 3;

    public const int MaxConditions = 10;

    private static WatchExpression ReadExpression(JsonObject c, int depth)
    {
        var kind = Text(c, "kind") ?? throw NgsiLdException.BadData("The condition needs a 'kind': threshold, rateOfChange, staleness, geofence, all or any.");
        if (kind is not ("all" or "any")) return new SingleCondition(ReadCondition(c, kind, depth > 0));
        if (depth >= MaxDepth) throw NgsiLdException.BadData($"Combinations ('all', 'any') nest at most {MaxDepth} deep.");
        if (c["conditions"] is not JsonArray parts || parts.Count < 2 || parts.Any(p => p is not JsonObject))
            throw NgsiLdException.BadData($"An '{kind}' condition needs 'conditions': an array of at least two condition objects.");
        var combined = new CombinedCondition(kind == "all", [.. parts.Select(p => ReadExpression((JsonObject)p!, depth + 1))]);
        if (depth == 0 && combined.Conditions.Count() > MaxConditions)
            throw NgsiLdException.BadData($"A rule combines at most {MaxConditions} conditions.");
        return combined;
    }

    private static WatchCondition ReadCondition(JsonObject c, string kind, bool combined)
    {
        string Attribute() => Text(c, "attribute") ?? throw NgsiLdException.BadData($"A {kind} condition needs an 'attribute'.");
        var hysteresis = c["hysteresis"] is { } h ? Number(h, "hysteresis") : 0;
        if (hysteresis < 0) throw NgsiLdException.BadData("The hysteresis cannot be negative.");
        switch (kind)
        {
            case "threshold":
                var above = c["above"] is { } a ? Number(a, "above") : (double?)null;
                var below = c["below"] is { } b ? Number(b, "below") : (double?)null;
                if (above.HasValue == below.HasValue) throw NgsiLdException.BadData("A threshold condition needs exactly one of 'above' and 'below'.");
                return new ThresholdCondition(Attribute(), above ?? below!.Value, above.HasValue, hysteresis);
            case "rateOfChange":
                var limit = c["limit"] is { } l ? Number(l, "limit") : throw NgsiLdException.BadData("A rateOfChange condition needs a 'limit'.");
                if (limit <= 0) throw NgsiLdException.BadData("The rate limit must be positive.");
                var per = c["per"] is { } period ? Duration(period, "per") : TimeSpan.FromHours(1);
                if (per <= TimeSpan.Zero) throw NgsiLdException.BadData("The rate's period 'per' must be positive.");
                return new RateOfChangeCondition(Attribute(), limit, per, hysteresis);
            case "staleness":
                if (combined) throw NgsiLdException.BadData("A staleness condition is checked by the clock and cannot be part of a combination; give it a rule of its own.");
                var silent = c["silentFor"] is { } s ? Duration(s, "silentFor") : throw NgsiLdException.BadData("A staleness condition needs 'silentFor'.");
                if (silent <= TimeSpan.Zero) throw NgsiLdException.BadData("'silentFor' must be positive.");
                return new StalenessCondition(Attribute(), silent);
            case "geofence":
                if (c["area"] is not JsonObject area) throw NgsiLdException.BadData("A geofence condition needs an 'area' (a GeoJSON Polygon or MultiPolygon).");
                GeoJson.Validate("area", area);
                if (area["type"]?.GetValue<string>() is not ("Polygon" or "MultiPolygon")) throw NgsiLdException.BadData("The geofence 'area' must be a Polygon or MultiPolygon.");
                var inside = c["inside"] is not { } i || (i.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? i.GetValue<bool>()
                    : throw NgsiLdException.BadData("'inside' must be true or false."));
                return new GeofenceCondition(GeoJson.ToGeometry(area), inside);
            default:
                throw NgsiLdException.BadData($"The condition kind '{kind}' is not threshold, rateOfChange, staleness, geofence, all or any.");
        }
    }

    private static string? Text(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0 => v.GetValue<string>(),
        _ => throw NgsiLdException.BadData($"'{name}' must be a non-empty string."),
    };

    private static double Number(JsonNode node, string name) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.IsFinite(v.GetValue<double>()) ? v.GetValue<double>()
            : throw NgsiLdException.BadData($"'{name}' must be a number.");

    private static int Integer(JsonNode node, string name, int min, int max) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) && n >= min && n <= max ? n
            : throw NgsiLdException.BadData($"'{name}' must be a whole number from {min} to {max}.");

    private static TimeSpan Duration(JsonNode node, string name) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && IsoDuration.TryParse(v.GetValue<string>(), out var d) && d.Years == 0 && d.Months == 0
            ? d.Fixed
            : throw NgsiLdException.BadData($"'{name}' must be an ISO 8601 duration of days, hours, minutes or seconds (e.g. PT15M).");
}
