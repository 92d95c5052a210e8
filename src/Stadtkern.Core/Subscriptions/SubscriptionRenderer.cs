using System.Text.Json.Nodes;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using static Stadtkern.Subscriptions.SubscriptionMembers;

namespace Stadtkern.Subscriptions;

/// <summary>A subscription as a client reads it: the members it was given (names compacted with the request's context), the effective notificationTrigger, its status and delivery state.</summary>
public static class SubscriptionRenderer
{
    public static JsonObject Render(SubscriptionView view, JsonLdContext context, bool sysAttrs)
    {
        var stored = view.Stored.Document;
        var result = new JsonObject();
        foreach (var (name, value) in stored)
        {
            if (name is TermsContext or NotificationTrigger or JsonldContext) continue;
            result[name] = name switch
            {
                Entities => new JsonArray(((JsonArray)value!).OfType<JsonObject>().Select(e => (JsonNode)Selector(e, context)).ToArray()),
                WatchedAttributes => Compact((JsonArray)value!, context),
                GeoQ => GeoQuery((JsonObject)value!, context),
                Notification => NotificationParams((JsonObject)value!, view.Status, context),
                _ => value?.DeepClone(),
            };
        }
        result[NotificationTrigger] = stored[NotificationTrigger]?.DeepClone() ?? new JsonArray(NotificationTriggers.Default.Select(t => (JsonNode)t).ToArray());
        result[Status] = view.State;
        result[JsonldContext] = stored[JsonldContext]?.DeepClone() ?? ContextResolver.CoreContextUrl;
        if (sysAttrs)
        {
            result[CreatedAt] = Validation.Format(view.Stored.CreatedAt);
            result[ModifiedAt] = Validation.Format(view.Stored.ModifiedAt);
        }
        return result;
    }

    private static JsonObject Selector(JsonObject stored, JsonLdContext context)
    {
        var result = new JsonObject();
        foreach (var (key, value) in stored)
            result[key] = key == TypeMember ? TypeSelection.Compact(value!.GetValue<string>(), context) : value?.DeepClone();
        return result;
    }

    private static JsonObject GeoQuery(JsonObject stored, JsonLdContext context)
    {
        var result = (JsonObject)stored.DeepClone();
        if (stored["geoproperty"] is JsonValue property) result["geoproperty"] = context.Compact(property.GetValue<string>());
        return result;
    }

    private static JsonObject NotificationParams(JsonObject stored, DeliveryStatus status, JsonLdContext context)
    {
        var result = new JsonObject();
        foreach (var (key, value) in stored)
        {
            result[key] = key switch
            {
                Attributes => Compact((JsonArray)value!, context),
                Pick or Omit => new JsonArray(((JsonArray)value!).Select(n => (JsonNode?)(n!.GetValue<string>() is Members.Id or Members.Type ? n.GetValue<string>() : context.Compact(n.GetValue<string>()))).ToArray()),
                _ => value?.DeepClone(),
            };
        }
        // The delivery state appears once there is something to tell.
        if (status.TimesSent > 0) result[TimesSent] = status.TimesSent;
        if (status.TimesFailed > 0) result[TimesFailed] = status.TimesFailed;
        if (status.LastNotification is { } last) result[LastNotification] = Validation.Format(last);
        if (status.LastSuccess is { } success) result[LastSuccess] = Validation.Format(success);
        if (status.LastFailure is { } failure) result[LastFailure] = Validation.Format(failure);
        if (status.Status is { } state) result[Status] = state;
        return result;
    }

    private static JsonArray Compact(JsonArray names, JsonLdContext context) =>
        new(names.Select(n => (JsonNode?)context.Compact(n!.GetValue<string>())).ToArray());
}

/// <summary>A stored subscription with its live delivery state and its status at the time of reading.</summary>
public sealed record SubscriptionView(StoredSubscription Stored, DeliveryStatus Status, string State);
