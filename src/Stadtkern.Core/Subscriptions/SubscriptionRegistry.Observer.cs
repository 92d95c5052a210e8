using Stadtkern.Broker;
using Stadtkern.Store;

namespace Stadtkern.Subscriptions;

/// <summary>The registry hears every entity change inside its transaction and writes the notifications it causes to the outbox there.</summary>
public sealed partial class SubscriptionRegistry : IEntityChangeObserver
{
    public bool Observes(string tenant) => _triggered.ContainsKey(tenant);

    public void OnChange(IEntityTransaction transaction, EntityChange change)
    {
        if (!_triggered.TryGetValue(change.Tenant, out var subscriptions)) return;
        var outbox = transaction as IOutboxTransaction
            ?? throw new InvalidOperationException("The entity store does not support a notification outbox, so subscriptions cannot be served.");
        var now = time.GetUtcNow();
        ChangeAnalysis? analysis = null;
        foreach (var subscription in subscriptions)
        {
            if (!subscription.IsActiveAt(now)) continue;
            analysis ??= new ChangeAnalysis(change);
            if (NotificationBuilder.ForChange(subscription, analysis, transaction.Get) is not { } found) continue;
            // A throttled notification is dropped, as clause 5.2.12 says: the next change after the interval notifies again.
            if (Throttled(subscription, now)) continue;
            outbox.EnqueueNotification(NotificationBuilder.Message(subscription, found.Data, found.Reason, now));
        }
    }

    public void Committed(string tenant) => signal.Set();
}
