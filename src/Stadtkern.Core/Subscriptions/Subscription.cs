using System.Text.Json.Nodes;
using Stadtkern.Model;

namespace Stadtkern.Subscriptions;

/// <summary>A subscription as the broker works with it (clause 5.2.12): names expanded, defaults applied. Read from the stored form by <see cref="SubscriptionDocument"/>.</summary>
public sealed record Subscription
{
    public required string Id { get; init; }

    /// <summary>Entity selectors; an entity matches when any of them does. Empty means every entity (watchedAttributes then decide).</summary>
    public required IReadOnlyList<EntitySelector> Entities { get; init; }

    /// <summary>Expanded attribute names whose changes trigger a notification; null watches every attribute.</summary>
    public IReadOnlySet<string>? WatchedAttributes { get; init; }

    public required IReadOnlySet<string> Triggers { get; init; }

    /// <summary>Seconds between periodic notifications; such subscriptions are not triggered by changes.</summary>
    public double? TimeInterval { get; init; }

    /// <summary>Minimum seconds between two notifications.</summary>
    public double? Throttling { get; init; }

    /// <summary>The query as written, evaluated with <see cref="TermsContext"/>.</summary>
    public string? Q { get; init; }

    public string? ScopeQ { get; init; }

    /// <summary>The geo-query in stored form (geoproperty expanded).</summary>
    public JsonObject? GeoQ { get; init; }

    public bool IsActive { get; init; } = true;

    public DateTimeOffset? ExpiresAt { get; init; }

    public string? Lang { get; init; }

    /// <summary>Only attribute instances with these datasetIds are notified (<c>@none</c> is the default instance).</summary>
    public IReadOnlySet<string>? DatasetIds { get; init; }

    public required NotificationParams Notification { get; init; }

    /// <summary>The URL of the @context notifications are compacted with.</summary>
    public required string JsonldContext { get; init; }

    /// <summary>The @context value (URL, list or object) the subscription's q was written against; null for the core context.</summary>
    public JsonNode? TermsContext { get; init; }

    /// <summary>active, paused or expired (clause 5.2.12): an expired subscription stays expired whatever isActive says.</summary>
    public string StateAt(DateTimeOffset now) =>
        ExpiresAt is { } expires && expires <= now ? SubscriptionStates.Expired : IsActive ? SubscriptionStates.Active : SubscriptionStates.Paused;
}

/// <summary>The values of a subscription's <c>status</c>.</summary>
public static class SubscriptionStates
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Expired = "expired";
}

/// <summary>One entry of <c>entities</c> (clause 5.2.33): a type selection (expanded), optionally narrowed by id or idPattern.</summary>
public sealed record EntitySelector(string Type, string? Id, string? IdPattern);

/// <summary>What a notification carries and where it goes (clause 5.2.14).</summary>
public sealed record NotificationParams
{
    /// <summary>Expanded attribute names to include; null includes all.</summary>
    public IReadOnlySet<string>? Attributes { get; init; }

    /// <summary>pick or omit projection (v1.8.1), names expanded except id and type; null when neither is given.</summary>
    public IReadOnlyList<string>? Pick { get; init; }

    public IReadOnlyList<string>? Omit { get; init; }

    public RepresentationFormat Format { get; init; } = RepresentationFormat.Normalized;

    public bool SysAttrs { get; init; }

    public bool ShowChanges { get; init; }

    /// <summary>Linked entities to add (clause 4.5.23): <c>inline</c> or <c>flat</c>, null for none.</summary>
    public string? Join { get; init; }

    /// <summary>How many Relationship hops the join follows (1 unless given).</summary>
    public int? JoinLevel { get; init; }

    public required NotificationEndpoint Endpoint { get; init; }
}

/// <summary>Where notifications are sent (clause 5.2.15); notifierInfo tells the notifier how (for MQTT: version and QoS).</summary>
public sealed record NotificationEndpoint(string Uri, string Accept, IReadOnlyList<KeyValuePair<string, string>> ReceiverInfo,
    IReadOnlyList<KeyValuePair<string, string>> NotifierInfo);
