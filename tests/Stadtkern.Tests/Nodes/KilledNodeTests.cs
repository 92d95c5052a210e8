using System.Net;
using Stadtkern.Tests.Store.Contract;
using Stadtkern.Tests.Subscriptions;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Nodes.NodePair;

namespace Stadtkern.Tests.Nodes;

/// <summary>
/// The node that leads the jobs and delivers a subscription is killed (SIGKILL) in the middle of a stream of updates:
/// the other node sends every acknowledged change still, once the lease has run out; a change is notified twice only
/// when the killed node may have sent it without recording that; and the survivor takes over the jobs.
/// </summary>
public sealed class KilledNodeTests(PostgresBackend backend) : IClassFixture<PostgresBackend>
{
    private const int Updates = 60;

    [SkippableFact]
    public async Task Every_acknowledged_change_is_notified_after_the_delivering_node_is_killed_and_the_other_takes_over_the_jobs()
    {
        // Node A alone first: it leads, and its lease on the subscription (long enough to outlast B's start) is renewed
        // while it delivers, so it is A that dies holding both.
        await using var nodes = await StartAsync(await backend.ConnectionAsync(), lease: "00:00:20", both: false);
        await using var receiver = await NotificationReceiver.StartAsync();
        var meter = await CreateMeterAsync(nodes.HttpA);
        var subscription = SubscriptionKit.Subscription(SubscriptionKit.NewId(), "Meter", receiver.Url(), """{"notification":{"format":"keyValues"}}""");
        var subscriptionId = subscription["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, await SendAsync(nodes.HttpA, HttpMethod.Post, "/ngsi-ld/v1/subscriptions", subscription.ToJsonString()));
        await WaitForAsync(async () => await MetricAsync(nodes.HttpA, "stadtkern_node_leader") == 1, "node A leading");
        // A first change, delivered by A, gives A the lease.
        Assert.Equal(HttpStatusCode.NoContent, await ReadAsync(nodes.HttpA, meter, 0.5));
        await receiver.WaitForCountAsync(subscriptionId, 1);
        await nodes.StartSecondAsync();
        // A slow receiver, so that node A dies with notifications still in the outbox.
        receiver.Delay = TimeSpan.FromMilliseconds(200);

        var acknowledged = new List<double>();
        var killedAt = 0;
        for (var i = 1; i <= Updates; i++)
        {
            if (i == Updates / 2)
            {
                Assert.StartsWith($"{Environment.MachineName}:{nodes.A.Id}:", await nodes.LeaseHolderAsync(subscriptionId));
                Assert.True(await nodes.OutboxAsync() > 0, "nothing was left to deliver when node A was killed");
                nodes.A.Kill();
                killedAt = i;
            }
            var http = i % 2 == 1 && killedAt == 0 ? nodes.HttpA : nodes.HttpB;
            if (await ReadAsync(http, meter, i) == HttpStatusCode.NoContent) acknowledged.Add(i);
        }
        await WaitForAsync(async () => acknowledged.All(NodeSubscription.Readings(receiver, subscriptionId, meter).Contains) && await nodes.OutboxAsync() == 0,
            "every acknowledged update notified and the outbox empty");

        var readings = NodeSubscription.Readings(receiver, subscriptionId, meter);
        Assert.Equal(Updates, acknowledged.Count);
        Assert.All(readings.GroupBy(r => r).Where(g => g.Count() > 1), twice => Assert.True(twice.Key < killedAt,
            $"reading {twice.Key} was notified {twice.Count()} times, but it was written after the kill"));
        Assert.True(await MetricAsync(nodes.HttpB, "stadtkern_notifications_delivered_total") > 0, "node B did not take over the notifications");
        await WaitForAsync(async () => await MetricAsync(nodes.HttpB, "stadtkern_node_leader") == 1, "node B leading the jobs");
    }
}
