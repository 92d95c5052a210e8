using Stadtkern.Subscriptions;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>The lease that lets one node at a time deliver a subscription's notifications, until it expires by the database's clock.</summary>
public abstract class DeliveryLeaseContract<TBackend>(TBackend backend) : StoreContract<TBackend>(backend) where TBackend : StoreBackend, new()
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [SkippableFact]
    public async Task One_node_holds_a_queue_until_its_lease_expires_and_then_another_takes_it()
    {
        var store = (ISubscriptionStore)await OpenAsync();
        const string queue = "urn:ngsi-ld:Subscription:lease";

        Assert.True(await store.ClaimDeliveryAsync(Tenant, queue, "node-a", Long, None));
        Assert.False(await store.ClaimDeliveryAsync(Tenant, queue, "node-b", Long, None));
        Assert.True(await store.ClaimDeliveryAsync(Tenant, queue, "node-a", TimeSpan.FromMilliseconds(50), None));
        Assert.True(await store.ClaimDeliveryAsync(Tenant, "urn:ngsi-ld:Subscription:other", "node-b", Long, None));

        // Waits for the short lease to run out by the database's clock; the deadline is generous, not a measurement.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var taken = false;
        while (!taken && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            taken = await store.ClaimDeliveryAsync(Tenant, queue, "node-b", Long, None);
        }
        Assert.True(taken);
        Assert.False(await store.ClaimDeliveryAsync(Tenant, queue, "node-a", Long, None));
    }

    [SkippableFact]
    public async Task Deleting_a_subscription_frees_its_lease()
    {
        var store = (ISubscriptionStore)await OpenAsync();
        const string queue = "urn:ngsi-ld:Subscription:deleted";
        Assert.True(await store.ClaimDeliveryAsync(Tenant, queue, "node-a", Long, None));

        await store.DeleteSubscriptionAsync(Tenant, queue, None);

        Assert.True(await store.ClaimDeliveryAsync(Tenant, queue, "node-b", Long, None));
    }
}
