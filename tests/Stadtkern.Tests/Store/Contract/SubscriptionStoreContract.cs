using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Store;
using Stadtkern.Subscriptions;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>Subscriptions with their delivery state, and the outbox that commits or rolls back with the change that fills it.</summary>
public abstract class SubscriptionStoreContract<TBackend>(TBackend backend) : StoreContract<TBackend>(backend) where TBackend : StoreBackend, new()
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 0, 123_456 / 1000, TimeSpan.Zero);

    private StoredSubscription Subscription(string id) =>
        new(Tenant, id, new JsonObject { ["id"] = id, ["type"] = "Subscription", ["q"] = "a>1" }, new DeliveryStatus(0, 0, null, null, null, null), At, At);

    private OutboxMessage Message(string subscription, string body) =>
        new(Tenant, subscription, "http://127.0.0.1:1/notify", new Dictionary<string, string> { ["Content-Type"] = "application/json" }, body, At)
        {
            NotifierInfo = body == "mqtt" ? new Dictionary<string, string> { ["MQTT-QoS"] = "1" } : new Dictionary<string, string>(),
        };

    private async Task<ISubscriptionStore> StoreAsync() => (ISubscriptionStore)await OpenAsync();

    [SkippableFact]
    public async Task A_subscription_is_created_once_read_listed_replaced_and_deleted()
    {
        var store = await StoreAsync();
        for (var i = 0; i < 5; i++) await store.CreateSubscriptionAsync(Subscription($"urn:ngsi-ld:Subscription:{i}"), None);

        var duplicate = await Assert.ThrowsAsync<NgsiLdException>(() => store.CreateSubscriptionAsync(Subscription("urn:ngsi-ld:Subscription:3"), None));
        var read = await store.GetSubscriptionAsync(Tenant, "urn:ngsi-ld:Subscription:3", None);
        var page = await store.ListSubscriptionsAsync(Tenant, 1, 2, true, None);
        var replaced = await store.ReplaceSubscriptionAsync(Tenant, "urn:ngsi-ld:Subscription:3", new JsonObject { ["q"] = "b<2" }, At.AddHours(1), None);

        Assert.Equal(ErrorType.AlreadyExists, duplicate.Type);
        Assert.True(JsonNode.DeepEquals(Subscription("x").Document["q"], read!.Document["q"]));
        Assert.Equal((At, At), (read.CreatedAt, read.ModifiedAt));
        Assert.Equal(["urn:ngsi-ld:Subscription:1", "urn:ngsi-ld:Subscription:2"], page.Subscriptions.Select(s => s.Id));
        Assert.Equal(5, page.Total);
        Assert.True(replaced);
        Assert.False(await store.ReplaceSubscriptionAsync(Tenant, "urn:ngsi-ld:Subscription:none", new JsonObject(), At, None));
        var after = await store.GetSubscriptionAsync(Tenant, "urn:ngsi-ld:Subscription:3", None);
        Assert.Equal("b<2", after!.Document["q"]!.GetValue<string>());
        Assert.Equal(At.AddHours(1), after.ModifiedAt);
        Assert.True(await store.DeleteSubscriptionAsync(Tenant, "urn:ngsi-ld:Subscription:3", None));
        Assert.False(await store.DeleteSubscriptionAsync(Tenant, "urn:ngsi-ld:Subscription:3", None));
        Assert.Equal(4, (await store.AllSubscriptionsAsync(None)).Count(s => s.Tenant == Tenant));
    }

    [SkippableFact]
    public async Task The_delivery_state_is_saved_and_a_replacement_keeps_it()
    {
        var store = await StoreAsync();
        await store.CreateSubscriptionAsync(Subscription("urn:ngsi-ld:Subscription:d"), None);
        var status = new DeliveryStatus(7, 2, At.AddMinutes(1), At.AddMinutes(1), At, DeliveryStatus.Ok);

        await store.SaveDeliveryStatusAsync([(Tenant, "urn:ngsi-ld:Subscription:d", status), (Tenant, "urn:ngsi-ld:Subscription:none", status)], None);
        await store.ReplaceSubscriptionAsync(Tenant, "urn:ngsi-ld:Subscription:d", new JsonObject(), At, None);

        Assert.Equal(status, (await store.GetSubscriptionAsync(Tenant, "urn:ngsi-ld:Subscription:d", None))!.Status);
    }

    [SkippableFact]
    public async Task Notifications_commit_with_the_change_that_caused_them_and_roll_back_with_it()
    {
        var entities = await OpenAsync();
        var store = (ISubscriptionStore)entities;
        await entities.WriteAsync(Tenant, tx =>
        {
            tx.Insert(StoreScope.Stored("urn:ngsi-ld:Thing:o1"));
            ((IOutboxTransaction)tx).EnqueueNotification(Message("urn:ngsi-ld:Subscription:o", "first"));
            return true;
        }, None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => entities.WriteAsync<bool>(Tenant, tx =>
        {
            tx.Insert(StoreScope.Stored("urn:ngsi-ld:Thing:o2"));
            ((IOutboxTransaction)tx).EnqueueNotification(Message("urn:ngsi-ld:Subscription:o", "lost"));
            throw new InvalidOperationException("the change failed");
        }, None));
        await store.EnqueueAsync([Message("urn:ngsi-ld:Subscription:o", "mqtt"), Message("urn:ngsi-ld:Subscription:p", "other")], None);

        var queue = await store.ReadOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:o", 0, 10, None);

        Assert.Equal(["first", "mqtt"], queue.Select(e => e.Message.Body));
        Assert.True(queue[0].Seq < queue[1].Seq);
        Assert.Equal("application/json", queue[0].Message.Headers["content-type"]);
        Assert.Empty(queue[0].Message.NotifierInfo);
        Assert.Equal("1", queue[1].Message.NotifierInfo["MQTT-QoS"]);
        Assert.Equal(At, queue[0].Message.QueuedAt);
        Assert.Equal(["mqtt"], (await store.ReadOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:o", queue[0].Seq, 10, None)).Select(e => e.Message.Body));
        Assert.Equal(["first"], (await store.ReadOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:o", 0, 1, None)).Select(e => e.Message.Body));
    }

    [SkippableFact]
    public async Task Pending_queues_name_each_subscription_with_its_newest_notification_and_delivered_ones_go()
    {
        var store = await StoreAsync();
        await store.CreateSubscriptionAsync(Subscription("urn:ngsi-ld:Subscription:a"), None);
        await store.EnqueueAsync([Message("urn:ngsi-ld:Subscription:a", "1"), Message("urn:ngsi-ld:Subscription:a", "2"), Message("urn:ngsi-ld:Subscription:b", "3")], None);
        var a = await store.ReadOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:a", 0, 10, None);
        var b = await store.ReadOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:b", 0, 10, None);

        var pending = (await store.PendingQueuesAsync(a[0].Seq - 1, None)).Where(p => p.Tenant == Tenant).OrderBy(p => p.SubscriptionId).ToList();
        await store.DeleteOutboxAsync([a[0].Seq], None);
        await store.DeleteSubscriptionAsync(Tenant, "urn:ngsi-ld:Subscription:a", None);

        Assert.Equal([("urn:ngsi-ld:Subscription:a", a[1].Seq), ("urn:ngsi-ld:Subscription:b", b[0].Seq)], pending.Select(p => (p.SubscriptionId, p.LastSeq)));
        Assert.Empty(await store.ReadOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:a", 0, 10, None));
        Assert.Single(await store.ReadOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:b", 0, 10, None));
    }
}
