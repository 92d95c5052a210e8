using System.Collections.Concurrent;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Subscriptions;

/// <summary>
/// Periodic subscriptions (timeInterval, clause 5.2.12): every interval, the entities they select are notified whatever
/// changed. Entities are read and written to the outbox a page at a time, so a large selection costs bounded memory.
/// </summary>
public sealed class PeriodicNotifier(SubscriptionRegistry registry, IEntityStore entities, ISubscriptionStore store, NotificationSignal signal, TimeProvider time)
{
    /// <summary>Most entities in one periodic notification; a larger selection is sent as several notifications.</summary>
    public const int EntitiesPerNotification = 100;

    private readonly ConcurrentDictionary<(string Tenant, string Id), DateTimeOffset> _due = new();

    /// <summary>Sends the periodic notifications that are due: the first one interval after the subscription is seen, then one every interval.</summary>
    public async Task TickAsync(CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var periodic = registry.Periodic;
        var sent = false;
        foreach (var subscription in periodic)
        {
            var key = (subscription.Tenant, subscription.Model.Id);
            if (!subscription.IsActiveAt(now)) continue;
            var interval = TimeSpan.FromSeconds(subscription.Model.TimeInterval!.Value);
            if (!_due.TryGetValue(key, out var due))
            {
                _due[key] = now + interval;
                continue;
            }
            if (due > now) continue;
            _due[key] = now + interval;
            sent |= await NotifyAsync(subscription, cancellation);
        }
        foreach (var key in _due.Keys)
            if (!periodic.Any(s => s.Tenant == key.Tenant && s.Model.Id == key.Id)) _due.TryRemove(key, out _);
        if (sent) signal.Set();
    }

    private async Task<bool> NotifyAsync(CompiledSubscription subscription, CancellationToken cancellation)
    {
        var ids = subscription.Model.Entities.All(e => e.Id is not null) ? subscription.Model.Entities.Select(e => e.Id!).ToArray() : null;
        var query = new EntityQuery(subscription.Tenant)
        {
            Ids = ids,
            AnyOfTypes = subscription.AnyOfTypes,
            Filter = subscription.Matches,
            Limit = EntitiesPerNotification,
        };
        var any = false;
        for (var offset = 0; ; offset += EntitiesPerNotification)
        {
            var page = await entities.QueryAsync(query with { Offset = offset }, cancellation);
            if (page.Entities.Count > 0)
            {
                var data = page.Entities.Select(e => EntityRenderer.Render(e, subscription.Render));
                await store.EnqueueAsync([NotificationBuilder.Message(subscription, data, null, time.GetUtcNow())], cancellation);
                any = true;
            }
            if (page.Entities.Count < EntitiesPerNotification) return any;
        }
    }
}
