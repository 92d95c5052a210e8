using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Subscriptions.SubscriptionKit;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>
/// Notifications are never lost: a receiver that is down gets them when it is back, a broker restart keeps them, a
/// receiver that hangs holds back no one else, and each entity's changes arrive in order.
/// </summary>
public sealed class DeliveryReliabilityTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task A_receiver_that_is_down_gets_every_notification_when_it_comes_back_in_order_per_entity()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        await receiver.StopAsync();
        var type = TestData.NewType();
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, receiver.Url(), """{"notification":{"format":"keyValues"}}"""));
        string[] ids = [TestData.NewId(), TestData.NewId(), TestData.NewId()];

        foreach (var id in ids) await _client.CreateOkAsync(TestData.Entity(id, type, 0));
        var failed = await _client.WaitForSubscriptionAsync(subscription, s => s["notification"]?["status"]?.GetValue<string>() == "failed", "a failed attempt");
        for (var i = 1; i <= 4; i++)
            foreach (var id in ids)
                (await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse($$"""{"value":{{i}}}"""))).ShouldHaveStatus(204);
        await receiver.StartAgainAsync();

        var received = await receiver.WaitForCountAsync(subscription, ids.Length * 5);
        foreach (var id in ids)
            Assert.Equal([0, 1, 2, 3, 4], received.Where(n => n.Entity()["id"]!.GetValue<string>() == id).Select(n => n.Entity()["temperature"]!.GetValue<double>()));
        Assert.True(failed["notification"]!["timesFailed"]!.GetValue<long>() >= 1);
        Assert.NotNull(failed["notification"]!["lastFailure"]);
        await _client.WaitForSubscriptionAsync(subscription, s => s["notification"]?["status"]?.GetValue<string>() == "ok", "status ok after delivery");
    }

    [Fact]
    public async Task A_notification_survives_a_broker_restart()
    {
        using var directory = new TempDirectory("subscriptions-restart");
        await using var receiver = await NotificationReceiver.StartAsync();
        await receiver.StopAsync();
        var type = TestData.NewType();
        var id = TestData.NewId();
        string subscription;
        await using (var first = await TestBroker.StartAsync(dataDirectory: directory.Path))
        {
            subscription = await first.Client.CreateSubscriptionOkAsync(Subscription(NewId(), type, receiver.Url()));
            await first.Client.CreateOkAsync(TestData.Entity(id, type, 3));
        }
        await receiver.StartAgainAsync();

        await using var second = await TestBroker.StartAsync(dataDirectory: directory.Path);

        var notification = await receiver.WaitForAsync(n => n.SubscriptionId == subscription, "the notification queued before the restart");
        Assert.Equal(id, notification.Entity()["id"]!.GetValue<string>());
        Assert.Equal(3, notification.Entity()["temperature"]!["value"]!.GetValue<double>());
        await second.Client.RetrieveSubscriptionOkAsync(subscription);
    }

    [Fact]
    public async Task A_receiver_that_hangs_does_not_hold_back_another_receiver()
    {
        await using var hanging = await NotificationReceiver.StartAsync();
        hanging.Hanging = true;
        await using var healthy = await NotificationReceiver.StartAsync();
        var type = TestData.NewType();
        var stuck = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, hanging.Url()));
        var flowing = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, healthy.Url()));
        var id = TestData.NewId();

        await _client.CreateOkAsync(TestData.Entity(id, type, 0));
        for (var i = 1; i <= 5; i++)
            (await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse($$"""{"value":{{i}}}"""))).ShouldHaveStatus(204);

        var delivered = await healthy.WaitForCountAsync(flowing, 6);
        Assert.Equal([0, 1, 2, 3, 4, 5], delivered.Select(n => n.Entity()["temperature"]!["value"]!.GetValue<double>()));
        // The other queue is still waiting for its first answer: nothing it holds got through, and nothing waited for it.
        Assert.True(hanging.HeldRequests >= 1, "the hanging receiver holds the first notification");
        Assert.Empty(hanging.Of(stuck));
    }

    [Fact]
    public async Task Changes_of_an_entity_arrive_in_the_order_they_were_made()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var type = TestData.NewType();
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, receiver.Url(), """{"notification":{"format":"keyValues"}}"""));
        var id = TestData.NewId();

        await _client.CreateOkAsync(TestData.Entity(id, type, 0));
        for (var i = 1; i <= 20; i++)
            (await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse($$"""{"value":{{i}}}"""))).ShouldHaveStatus(204);

        var received = await receiver.WaitForCountAsync(subscription, 21);
        Assert.Equal(Enumerable.Range(0, 21).Select(i => (double)i), received.Select(n => n.Entity()["temperature"]!.GetValue<double>()));
    }

    [Fact]
    public async Task A_receiver_that_answers_500_is_retried_until_it_accepts()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Failing = true;
        var type = TestData.NewType();
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, receiver.Url()));

        await _client.CreateOkAsync(TestData.Entity(TestData.NewId(), type));
        await _client.WaitForSubscriptionAsync(subscription, s => s["notification"]?["timesFailed"]?.GetValue<long>() >= 1, "a failed attempt");
        receiver.Failing = false;

        await receiver.WaitForAsync(n => n.SubscriptionId == subscription, "the notification once the receiver accepts");
        var state = await _client.WaitForSubscriptionAsync(subscription, s => s["notification"]?["status"]?.GetValue<string>() == "ok", "status ok");
        Assert.True(state["notification"]!["timesSent"]!.GetValue<long>() >= 2);
    }

    [Fact]
    public async Task A_slow_receiver_gets_different_entities_side_by_side_and_each_entity_in_order()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(300);
        var type = TestData.NewType();
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, receiver.Url(), """{"notification":{"format":"keyValues"}}"""));
        var ids = Enumerable.Range(0, 6).Select(_ => TestData.NewId()).ToList();

        (await _client.PostAsync("ngsi-ld/v1/entityOperations/create", new System.Text.Json.Nodes.JsonArray([.. ids.Select(id => TestData.Entity(id, type, 0))])))
            .ShouldHaveStatus(201);
        for (var i = 1; i <= 3; i++)
            foreach (var id in ids)
                (await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse($$"""{"value":{{i}}}"""))).ShouldHaveStatus(204);

        var received = await receiver.WaitForCountAsync(subscription, ids.Count * 4, TimeSpan.FromSeconds(60));
        foreach (var id in ids)
            Assert.Equal([0, 1, 2, 3], received.Where(n => n.Entity()["id"]!.GetValue<string>() == id).Select(n => n.Entity()["temperature"]!.GetValue<double>()));
        Assert.True(receiver.MostInFlight > 1, "The notifications of different entities were sent one at a time.");
    }
}
