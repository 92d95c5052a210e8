using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>Subscription bodies and requests for the tests: each test makes its own ids and entity types.</summary>
public static class SubscriptionKit
{
    public const string SubscriptionsPath = "ngsi-ld/v1/subscriptions";

    public static string PathOf(string id) => $"{SubscriptionsPath}/{Uri.EscapeDataString(id)}";

    public static string NewId() => $"urn:ngsi-ld:Subscription:{Guid.NewGuid():N}";

    /// <summary>A subscription to entities of <paramref name="type"/>, notifying <paramref name="uri"/>; <paramref name="members"/> are merged in (JSON object text; null removes a member).</summary>
    public static JsonObject Subscription(string id, string type, string uri, string members = "{}")
    {
        var subscription = new JsonObject
        {
            ["id"] = id,
            ["type"] = "Subscription",
            ["entities"] = new JsonArray(new JsonObject { ["type"] = type }),
            ["notification"] = new JsonObject { ["endpoint"] = new JsonObject { ["uri"] = uri } },
        };
        foreach (var (name, value) in TestData.Parse(members))
        {
            if (name == "notification" && value is JsonObject extra)
            {
                var notification = (JsonObject)subscription["notification"]!;
                foreach (var (key, member) in extra) Set(notification, key, member);
            }
            else Set(subscription, name, value);
        }
        return subscription;
    }

    private static void Set(JsonObject target, string name, JsonNode? value)
    {
        if (value is null) target.Remove(name);
        else target[name] = value.DeepClone();
    }

    /// <summary>Creates a subscription and fails the test unless the broker answers 201; returns its id.</summary>
    public static async Task<string> CreateSubscriptionOkAsync(this NgsiClient client, JsonObject subscription, string? link = null, string contentType = NgsiClient.Json)
    {
        var reply = await client.PostAsync(SubscriptionsPath, subscription, contentType, link);
        reply.ShouldHaveStatus(201);
        return Uri.UnescapeDataString(reply.Headers.Location!.OriginalString.Split('/').Last());
    }

    public static async Task<JsonObject> RetrieveSubscriptionOkAsync(this NgsiClient client, string id, string? link = null)
    {
        var reply = await client.GetAsync(PathOf(id), link: link);
        reply.ShouldHaveStatus(200);
        return reply.Object;
    }

    /// <summary>Polls a subscription until its state satisfies <paramref name="condition"/> (delivery state is updated after the fact).</summary>
    public static async Task<JsonObject> WaitForSubscriptionAsync(this NgsiClient client, string id, Func<JsonObject, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonObject subscription;
        do
        {
            subscription = await client.RetrieveSubscriptionOkAsync(id);
            if (condition(subscription)) return subscription;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"The subscription never showed {what}: {subscription.ToJsonString()}");
    }

    public static Task<Reply> PatchSubscriptionAsync(this NgsiClient client, string id, JsonObject fragment, string? link = null) =>
        client.PatchAsync(PathOf(id), fragment, link: link);
}
