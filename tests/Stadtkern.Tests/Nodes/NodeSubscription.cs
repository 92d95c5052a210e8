using System.Net;
using Stadtkern.Tests.Subscriptions;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Nodes;

/// <summary>A subscription to Meter entities made on node A, known to node B before the test goes on.</summary>
internal static class NodeSubscription
{
    /// <summary>
    /// Creates the subscription on A, then changes a probe entity on B until B notifies it: from then on B holds the
    /// subscription too (another node learns of it by a notice, within moments rather than in the same instant).
    /// </summary>
    public static async Task<string> CreateOnAAndWaitForBAsync(NodePair nodes, NotificationReceiver receiver)
    {
        var id = SubscriptionKit.NewId();
        var subscription = SubscriptionKit.Subscription(id, "Meter", receiver.Url(), """{"notification":{"format":"keyValues"}}""");
        Assert.Equal(HttpStatusCode.Created, await NodePair.SendAsync(nodes.HttpA, HttpMethod.Post, "/ngsi-ld/v1/subscriptions", subscription.ToJsonString()));
        var probe = TestData.NewId("Meter");
        Assert.Equal(HttpStatusCode.Created, await NodePair.SendAsync(nodes.HttpB, HttpMethod.Post, "/ngsi-ld/v1/entities", $$"""{"id":"{{probe}}","type":"Meter","reading":0}"""));
        var k = 0;
        await NodePair.WaitForAsync(async () =>
        {
            await NodePair.SendAsync(nodes.HttpB, HttpMethod.Patch, $"/ngsi-ld/v1/entities/{Uri.EscapeDataString(probe)}/attrs/reading", $$"""{"value":{{++k}}}""");
            return receiver.Of(id).Any(n => n.Entity()["id"]!.GetValue<string>() == probe);
        }, "node B notifying a change of the subscription made on node A");
        return id;
    }

    /// <summary>The readings of <paramref name="entity"/> in the order the receiver got them.</summary>
    public static IReadOnlyList<double> Readings(NotificationReceiver receiver, string subscriptionId, string entity) =>
        receiver.Of(subscriptionId).Where(n => n.Entity()["id"]!.GetValue<string>() == entity).Select(n => n.Entity()["reading"]!.GetValue<double>()).ToList();
}
