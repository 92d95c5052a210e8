using System.Text.Json.Nodes;

namespace Stadtkern.Subscriptions;

/// <summary>A subscription as the store keeps it: its stored form, its delivery state and its system dates.</summary>
public sealed record StoredSubscription(string Tenant, string Id, JsonObject Document, DeliveryStatus Status, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt);

/// <summary>A page of subscriptions in creation order, and the total when it was asked for.</summary>
public sealed record SubscriptionPage(IReadOnlyList<StoredSubscription> Subscriptions, long? Total);

/// <summary>
/// Durable storage of subscriptions and of the notification outbox. Outbox rows written by entity changes come through
/// <see cref="IOutboxTransaction"/> inside the change's own transaction; the rest of the outbox is managed here.
/// </summary>
public interface ISubscriptionStore
{
    /// <summary>Stores a new subscription; AlreadyExists when the tenant has one with that id.</summary>
    Task CreateSubscriptionAsync(StoredSubscription subscription, CancellationToken cancellation);

    Task<StoredSubscription?> GetSubscriptionAsync(string tenant, string id, CancellationToken cancellation);

    Task<SubscriptionPage> ListSubscriptionsAsync(string tenant, int offset, int limit, bool count, CancellationToken cancellation);

    /// <summary>Every subscription of every tenant, for the in-memory registry.</summary>
    Task<IReadOnlyList<StoredSubscription>> AllSubscriptionsAsync(CancellationToken cancellation);

    /// <summary>Replaces the stored form (the delivery state is kept); false when the subscription does not exist.</summary>
    Task<bool> ReplaceSubscriptionAsync(string tenant, string id, JsonObject document, DateTimeOffset modifiedAt, CancellationToken cancellation);

    /// <summary>Deletes a subscription and its undelivered notifications; false when it does not exist.</summary>
    Task<bool> DeleteSubscriptionAsync(string tenant, string id, CancellationToken cancellation);

    Task SaveDeliveryStatusAsync(IReadOnlyList<(string Tenant, string Id, DeliveryStatus Status)> statuses, CancellationToken cancellation);

    /// <summary>Adds notifications that no entity change carries (periodic ones), durably.</summary>
    Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellation);

    /// <summary>The next undelivered notifications of one subscription after <paramref name="afterSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string tenant, string subscriptionId, long afterSeq, int limit, CancellationToken cancellation);

    /// <summary>The subscriptions that have notifications after <paramref name="afterSeq"/>, with the newest sequence number of each.</summary>
    Task<IReadOnlyList<(string Tenant, string SubscriptionId, long LastSeq)>> PendingQueuesAsync(long afterSeq, CancellationToken cancellation);

    /// <summary>
    /// Deletes the oldest undelivered notifications of one subscription beyond the newest <paramref name="keep"/>, and
    /// returns how many (the outbox's bound for a receiver that stays away).
    /// </summary>
    Task<int> TrimOutboxAsync(string tenant, string subscriptionId, int keep, CancellationToken cancellation);

    /// <summary>Removes delivered (or given up) notifications.</summary>
    Task DeleteOutboxAsync(IReadOnlyList<long> seqs, CancellationToken cancellation);

    /// <summary>
    /// Takes or renews the lease on one subscription's queue for <paramref name="node"/>, until <paramref name="lease"/> from
    /// now by the database's clock: true when the node holds it now (it was free, had expired, or was the node's already).
    /// Only the holder delivers a queue, so that several nodes never send the same notification and each entity's stay in order.
    /// </summary>
    Task<bool> ClaimDeliveryAsync(string tenant, string subscriptionId, string node, TimeSpan lease, CancellationToken cancellation);
}
