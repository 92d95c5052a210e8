using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Geo;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using static Stadtkern.Subscriptions.SubscriptionMembers;

namespace Stadtkern.Subscriptions;

/// <summary>
/// Turns the stored form of a subscription into the <see cref="Subscription"/> the broker works with, checking the rules
/// that span members (clause 5.2.12): entities or watchedAttributes, timeInterval without watchedAttributes or throttling,
/// attributes without pick or omit.
/// </summary>
public static class SubscriptionDocument
{
    public static Subscription ToModel(JsonObject stored)
    {
        var entities = (stored[Entities] as JsonArray ?? []).OfType<JsonObject>()
            .Select(e => new EntitySelector(e[TypeMember]!.GetValue<string>(), Text(e[Id]), Text(e["idPattern"]))).ToList();
        var watched = Set(stored[WatchedAttributes]);
        if (entities.Count == 0 && watched is null) throw NgsiLdException.BadData("A subscription needs entities or watchedAttributes.");
        var timeInterval = Number(stored[TimeInterval]);
        var throttling = Number(stored[Throttling]);
        if (timeInterval is not null && watched is not null) throw NgsiLdException.BadData("timeInterval and watchedAttributes cannot be used together.");
        if (timeInterval is not null && throttling is not null) throw NgsiLdException.BadData("timeInterval and throttling cannot be used together.");
        if (timeInterval is not null && entities.Count == 0) throw NgsiLdException.BadData("A periodic subscription (timeInterval) needs entities.");
        var notification = stored[Notification] as JsonObject ?? throw NgsiLdException.BadData("A subscription needs a notification member.");
        var expiresAt = Text(stored[ExpiresAt]) is { } expires && Validation.TryParseDateTime(expires, out var at) ? at : (DateTimeOffset?)null;
        return new Subscription
        {
            Id = stored[Id]!.GetValue<string>(),
            Entities = entities,
            WatchedAttributes = watched,
            Triggers = (Set(stored[NotificationTrigger]) ?? NotificationTriggers.Default.ToHashSet(StringComparer.Ordinal)),
            TimeInterval = timeInterval,
            Throttling = throttling,
            Q = Text(stored[Q]),
            ScopeQ = Text(stored[ScopeQ]),
            GeoQ = stored[GeoQ] as JsonObject,
            IsActive = stored[IsActive] is not JsonValue active || active.GetValue<bool>(),
            ExpiresAt = expiresAt,
            Lang = Text(stored[Lang]),
            DatasetIds = Set(stored[DatasetId]),
            Notification = ReadNotification(notification),
            JsonldContext = Text(stored[JsonldContext]) ?? ContextResolver.CoreContextUrl,
            TermsContext = stored[TermsContext],
        };
    }

    private static NotificationParams ReadNotification(JsonObject notification)
    {
        var endpoint = notification[Endpoint] as JsonObject ?? throw NgsiLdException.BadData("notification needs an endpoint.");
        var attributes = Set(notification[Attributes]);
        var pick = List(notification[Pick]);
        var omit = List(notification[Omit]);
        if (attributes is not null && (pick is not null || omit is not null))
            throw NgsiLdException.BadData("notification.attributes cannot be used together with pick or omit.");
        if (pick is not null && omit is not null)
            throw NgsiLdException.BadData($"pick and omit cannot be used together{(pick.Intersect(omit).Any() ? " (a member is in both)" : "")}.");
        return new NotificationParams
        {
            Attributes = attributes,
            Pick = pick,
            Omit = omit,
            Format = Text(notification[Format]) is { } format ? SubscriptionReader.ParseFormat(format) : RepresentationFormat.Normalized,
            SysAttrs = notification[SysAttrs] is JsonValue sys && sys.GetValue<bool>(),
            ShowChanges = notification[ShowChanges] is JsonValue show && show.GetValue<bool>(),
            Join = Text(notification[SubscriptionMembers.Join]) is { } join and not "@none" ? join : null,
            JoinLevel = notification[SubscriptionMembers.JoinLevel] is JsonValue level ? level.GetValue<int>() : null,
            Endpoint = ReadEndpoint(endpoint),
        };
    }

    private static NotificationEndpoint ReadEndpoint(JsonObject endpoint)
    {
        var uri = Text(endpoint[SubscriptionMembers.EndpointUri]) ?? throw NgsiLdException.BadData("notification.endpoint needs a uri.");
        var notifierInfo = KeyValues(endpoint[NotifierInfo]);
        // Checked here rather than member by member, so that a PATCH of either the uri or notifierInfo is checked against the other.
        if (MqttEndpoint.IsMqtt(uri)) MqttEndpoint.Parse(uri, notifierInfo);
        return new NotificationEndpoint(uri, Text(endpoint[Accept]) ?? "application/json", KeyValues(endpoint[ReceiverInfo]), notifierInfo);
    }

    private static List<KeyValuePair<string, string>> KeyValues(JsonNode? node) =>
        (node as JsonArray ?? []).OfType<JsonObject>().Select(p => KeyValuePair.Create(p["key"]!.GetValue<string>(), p["value"]!.GetValue<string>())).ToList();

    /// <summary>Parses a stored geoQ; the default geoproperty is <c>location</c>.</summary>
    public static GeoQuery ParseGeoQuery(JsonObject geoQ)
    {
        var coordinates = geoQ["coordinates"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonNode n => n.ToJsonString(),
            null => null,
        };
        return GeoQuery.Parse(Text(geoQ["georel"]), Text(geoQ["geometry"]), coordinates, Text(geoQ["geoproperty"]) ?? CoreTerms.NgsiLd + "location");
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    private static List<string>? List(JsonNode? node) =>
        node is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToList() : null;

    private static HashSet<string>? Set(JsonNode? node) => List(node)?.ToHashSet(StringComparer.Ordinal);
}
