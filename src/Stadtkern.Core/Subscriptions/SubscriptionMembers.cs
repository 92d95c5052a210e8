using System.Collections.Frozen;

namespace Stadtkern.Subscriptions;

/// <summary>The member names of the Subscription data type (GS CIM 009 clause 5.2.12) and of its NotificationParams and Endpoint (5.2.14, 5.2.15).</summary>
public static class SubscriptionMembers
{
    public const string Id = "id";
    public const string TypeMember = "type";
    public const string SubscriptionType = "Subscription";
    public const string Name = "subscriptionName";
    public const string Description = "description";
    public const string Entities = "entities";
    public const string WatchedAttributes = "watchedAttributes";
    public const string NotificationTrigger = "notificationTrigger";
    public const string TimeInterval = "timeInterval";
    public const string Q = "q";
    public const string GeoQ = "geoQ";
    public const string ScopeQ = "scopeQ";
    public const string IsActive = "isActive";
    public const string Notification = "notification";
    public const string ExpiresAt = "expiresAt";
    public const string Throttling = "throttling";
    public const string Lang = "lang";
    public const string DatasetId = "datasetId";
    public const string JsonldContext = "jsonldContext";
    public const string Status = "status";
    public const string CreatedAt = "createdAt";
    public const string ModifiedAt = "modifiedAt";

    /// <summary>
    /// Kept in the stored form only: the @context the request was written in (updated when q changes). The query
    /// language has no syntax for expanded names in sub-attribute paths, so <c>q</c> is stored as written and parsed
    /// with this; notifications fall back to it when the jsonldContext cannot be had.
    /// </summary>
    public const string TermsContext = "termsContext";

    // NotificationParams
    public const string Attributes = "attributes";
    public const string Pick = "pick";
    public const string Omit = "omit";
    public const string Format = "format";
    public const string SysAttrs = "sysAttrs";
    public const string Join = "join";
    public const string JoinLevel = "joinLevel";
    public const string ShowChanges = "showChanges";
    public const string Endpoint = "endpoint";
    public const string TimesSent = "timesSent";
    public const string TimesFailed = "timesFailed";
    public const string LastNotification = "lastNotification";
    public const string LastSuccess = "lastSuccess";
    public const string LastFailure = "lastFailure";

    // Endpoint
    public const string EndpointUri = "uri";
    public const string Accept = "accept";
    public const string ReceiverInfo = "receiverInfo";
    public const string NotifierInfo = "notifierInfo";

    /// <summary>Members the broker maintains itself: accepted in a request (a client may send back what it retrieved) but never taken from it.</summary>
    public static readonly FrozenSet<string> SystemGenerated = FrozenSet.Create(StringComparer.Ordinal,
        Status, CreatedAt, ModifiedAt, "@context");

    /// <summary>The delivery state inside <c>notification</c>, maintained by the broker.</summary>
    public static readonly FrozenSet<string> NotificationSystemGenerated = FrozenSet.Create(StringComparer.Ordinal,
        Status, TimesSent, TimesFailed, LastNotification, LastSuccess, LastFailure);
}

/// <summary>The values of <c>notificationTrigger</c> (clause 5.2.12) and the triggers that apply when it is absent.</summary>
public static class NotificationTriggers
{
    public const string EntityCreated = "entityCreated";
    public const string EntityUpdated = "entityUpdated";
    public const string EntityDeleted = "entityDeleted";
    public const string AttributeCreated = "attributeCreated";
    public const string AttributeUpdated = "attributeUpdated";
    public const string AttributeDeleted = "attributeDeleted";

    public static readonly FrozenSet<string> All = FrozenSet.Create(StringComparer.Ordinal,
        EntityCreated, EntityUpdated, EntityDeleted, AttributeCreated, AttributeUpdated, AttributeDeleted);

    /// <summary>The spec's default: a subscription without notificationTrigger hears of attributes created and updated.</summary>
    public static readonly IReadOnlyList<string> Default = [AttributeCreated, AttributeUpdated];
}
