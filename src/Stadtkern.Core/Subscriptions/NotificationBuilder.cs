using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Model;
using static Stadtkern.Subscriptions.NotificationTriggers;

namespace Stadtkern.Subscriptions;

/// <summary>
/// Decides whether a change concerns a subscription and builds what it is notified of (clause 5.3.1): the entity as
/// the subscription wants it rendered, deleted attributes as NGSI-LD nulls, and with showChanges the previous values.
/// </summary>
public static class NotificationBuilder
{
    private const string JsonLdMediaType = "application/ld+json";
    private const string ContextRel = "http://www.w3.org/ns/json-ld#context";

    /// <summary>Headers the broker sets itself; receiverInfo cannot replace them, or it could corrupt the request.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Transfer-Encoding", "Host", "Connection",
    };

    /// <summary>
    /// The rendered entities to notify (the changed one first, then any linked ones of a flat join) and the trigger that
    /// caused it, or null when the change does not concern the subscription. <paramref name="lookup"/> reads a linked
    /// entity by id, as the change's transaction sees it.
    /// </summary>
    public static (IReadOnlyList<JsonObject> Data, string Reason)? ForChange(CompiledSubscription subscription, ChangeAnalysis change, Func<string, JsonObject?> lookup)
    {
        var model = subscription.Model;
        if (!subscription.Selects(change.Entity) || !subscription.MeetsConditions(change.Entity)) return null;
        var reasons = Reasons(model, change);
        if (reasons.Count == 0) return null;
        var deleted = change.Change.Kind == EntityChangeKind.Deleted;
        var notified = deleted ? DeletedEntity(subscription, change, reasons) : ChangedEntity(subscription, change, reasons);
        var data = Render(subscription, notified, lookup);
        // A deleted entity always says when it went, in every format: that is how a receiver tells a deletion (ETSI 046_21).
        if (deleted) data[0][Members.DeletedAt] = Validation.Format(change.Change.At);
        return (data, reasons[0]);
    }

    /// <summary>The entity rendered as the subscription asks, with the entities its Relationships point at when it joins them (4.5.23).</summary>
    private static List<JsonObject> Render(CompiledSubscription subscription, JsonObject notified, Func<string, JsonObject?> lookup)
    {
        var notification = subscription.Model.Notification;
        var linked = LinkedEntities.From(notification.Join, notification.JoinLevel, (id, _) => ValueTask.FromResult(lookup(id)));
        if (linked is null) return [EntityRenderer.Render(notified, subscription.Render)];
        // Every lookup answers at once (it reads the open transaction), so the rendering has completed when it returns.
        var rendering = linked.RenderAsync([notified], subscription.Render, single: false, CancellationToken.None);
        if (!rendering.IsCompleted) throw new InvalidOperationException("Linked entities of a notification must be read synchronously.");
        var list = (JsonArray)rendering.GetAwaiter().GetResult();
        var data = list.OfType<JsonObject>().ToList();
        list.Clear();
        return data;
    }

    /// <summary>The triggers of the subscription this change fires, in a fixed order (the first becomes the triggerReason).</summary>
    private static List<string> Reasons(Subscription model, ChangeAnalysis change)
    {
        var triggers = model.Triggers;
        var relevant = change.Events.Where(e => Watched(model, e)).ToList();
        var reasons = new List<string>();
        switch (change.Change.Kind)
        {
            case EntityChangeKind.Created:
                if (triggers.Contains(EntityCreated)) reasons.Add(EntityCreated);
                break;
            case EntityChangeKind.Deleted:
                if (triggers.Contains(EntityDeleted)) reasons.Add(EntityDeleted);
                break;
            default:
                if (triggers.Contains(EntityUpdated) && (model.WatchedAttributes is null || relevant.Count > 0)) reasons.Add(EntityUpdated);
                break;
        }
        foreach (var trigger in new[] { AttributeCreated, AttributeUpdated, AttributeDeleted })
            if (triggers.Contains(trigger) && relevant.Any(e => e.Trigger == trigger)) reasons.Add(trigger);
        return reasons;
    }

    private static bool Watched(Subscription model, AttributeEvent e) => model.WatchedAttributes is null || model.WatchedAttributes.Contains(e.Attribute);

    /// <summary>The entity as it is now; deleted instances are added as nulls when attributeDeleted fired, and changed ones carry their previous value with showChanges.</summary>
    private static JsonObject ChangedEntity(CompiledSubscription subscription, ChangeAnalysis change, List<string> reasons)
    {
        var model = subscription.Model;
        var entity = (JsonObject)change.Change.Current!.DeepClone();
        if (model.Notification.ShowChanges)
        {
            foreach (var e in change.Events.Where(e => e.Trigger == AttributeUpdated))
            {
                var instance = (entity[e.Attribute] as JsonArray)?.OfType<JsonObject>()
                    .FirstOrDefault(i => ChangeAnalysis.DatasetKey(i) == ChangeAnalysis.DatasetKey(e.Previous!));
                if (instance is not null) AddPrevious(instance, e.Previous!, subscription);
            }
        }
        if (reasons.Contains(AttributeDeleted))
        {
            foreach (var e in change.Events.Where(e => e.Trigger == AttributeDeleted && Watched(model, e)))
                Add(entity, e.Attribute, DeletedInstance(e.Previous!, change.Change.At, subscription));
        }
        return entity;
    }

    /// <summary>
    /// What is left of a deleted entity: id, type and dates, plus its attributes as nulls when attributeDeleted fired
    /// (the watched ones) or when entityDeleted fired with showChanges (all, with their last values).
    /// </summary>
    private static JsonObject DeletedEntity(CompiledSubscription subscription, ChangeAnalysis change, List<string> reasons)
    {
        var model = subscription.Model;
        var previous = change.Change.Previous!;
        var entity = new JsonObject { [Members.Id] = previous[Members.Id]!.DeepClone(), [Members.Type] = previous[Members.Type]?.DeepClone() };
        if (previous[Members.CreatedAt] is { } created) entity[Members.CreatedAt] = created.DeepClone();
        if (previous[Members.ModifiedAt] is { } modified) entity[Members.ModifiedAt] = modified.DeepClone();
        entity[Members.DeletedAt] = Validation.Format(change.Change.At);
        var all = reasons.Contains(EntityDeleted) && model.Notification.ShowChanges;
        var watched = reasons.Contains(AttributeDeleted);
        foreach (var e in change.Events)
            if (all || watched && Watched(model, e)) Add(entity, e.Attribute, DeletedInstance(e.Previous!, change.Change.At, subscription));
        return entity;
    }

    /// <summary>A deleted instance as clause 5.2.1 represents it: its value the NGSI-LD null (an <c>@none</c> map for a LanguageProperty).</summary>
    private static JsonObject DeletedInstance(JsonObject previous, DateTimeOffset at, CompiledSubscription subscription)
    {
        var type = previous[Members.Type]?.GetValue<string>() ?? AttributeTypes.Property;
        var member = AttributeTypes.ValueMember(type);
        var instance = new JsonObject
        {
            [Members.Type] = type,
            [member] = type == AttributeTypes.LanguageProperty ? new JsonObject { ["@none"] = EntityReader.NgsiNull } : EntityReader.NgsiNull,
        };
        foreach (var key in new[] { Members.DatasetId, Members.CreatedAt, Members.ModifiedAt })
            if (previous[key] is { } value) instance[key] = value.DeepClone();
        instance[Members.DeletedAt] = Validation.Format(at);
        if (subscription.Model.Notification.ShowChanges) AddPrevious(instance, previous, subscription);
        return instance;
    }

    /// <summary>Adds previousValue (previousObject, previousLanguageMap, ...) from the instance before the change.</summary>
    private static void AddPrevious(JsonObject instance, JsonObject previous, CompiledSubscription subscription)
    {
        var type = previous[Members.Type]?.GetValue<string>() ?? AttributeTypes.Property;
        var member = AttributeTypes.ValueMember(type);
        var value = previous[member]?.DeepClone();
        // The renderer copies previous* members as they are, so vocabulary terms are compacted here.
        if (type == AttributeTypes.VocabProperty)
        {
            var context = subscription.Notify;
            value = value switch
            {
                JsonArray terms => new JsonArray(terms.Select(t => (JsonNode?)context.Compact(t!.GetValue<string>())).ToArray()),
                JsonValue term => context.Compact(term.GetValue<string>()),
                _ => value,
            };
        }
        instance["previous" + char.ToUpperInvariant(member[0]) + member[1..]] = value;
    }

    private static void Add(JsonObject entity, string attribute, JsonObject instance)
    {
        if (entity[attribute] is not JsonArray instances) entity[attribute] = instances = [];
        instances.Add(instance);
    }

    /// <summary>The outbox message of a notification carrying these rendered entities.</summary>
    public static OutboxMessage Message(CompiledSubscription subscription, IEnumerable<JsonObject> data, string? reason, DateTimeOffset queuedAt)
    {
        var model = subscription.Model;
        var body = new JsonObject
        {
            ["id"] = $"urn:ngsi-ld:Notification:{Guid.NewGuid():N}",
            ["type"] = "Notification",
            ["subscriptionId"] = model.Id,
            ["data"] = new JsonArray(data.Select(e => (JsonNode)e).ToArray()),
        };
        if (reason is not null) body["triggerReason"] = reason;
        var endpoint = model.Notification.Endpoint;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = endpoint.Accept };
        // application/json carries the @context as a Link header; application/ld+json carries it in each entity.
        if (endpoint.Accept != JsonLdMediaType) headers["Link"] = $"<{model.JsonldContext}>; rel=\"{ContextRel}\"; type=\"{JsonLdMediaType}\"";
        foreach (var (key, value) in endpoint.ReceiverInfo)
            if (!ReservedHeaders.Contains(key)) headers[key] = value;
        if (subscription.Tenant.Length > 0) headers["NGSILD-Tenant"] = subscription.Tenant;
        return new OutboxMessage(subscription.Tenant, model.Id, endpoint.Uri, headers, body.ToJsonString(), queuedAt)
        {
            NotifierInfo = endpoint.NotifierInfo.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
        };
    }
}
