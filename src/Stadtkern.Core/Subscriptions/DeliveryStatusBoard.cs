using System.Collections.Concurrent;

namespace Stadtkern.Subscriptions;

/// <summary>
/// The live delivery state of every subscription. Deliveries update it in memory, so that a client reading a
/// subscription right after a notification sees it counted; the store is brought up to date in batches
/// (<see cref="TakeChanged"/>) rather than with one durable write per notification.
/// </summary>
public sealed class DeliveryStatusBoard
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), DeliveryStatus> _live = new();
    private readonly ConcurrentDictionary<(string Tenant, string Id), byte> _changed = new();

    /// <summary>The live state, or the stored one when nothing was delivered since the broker started.</summary>
    public DeliveryStatus Get(string tenant, string id, DeliveryStatus stored) => _live.GetValueOrDefault((tenant, id), stored);

    /// <summary>Takes over the stored state of a subscription, unless deliveries already changed it.</summary>
    public void Seed(string tenant, string id, DeliveryStatus stored) => _live.TryAdd((tenant, id), stored);

    public void Update(string tenant, string id, Func<DeliveryStatus, DeliveryStatus> change)
    {
        _live.AddOrUpdate((tenant, id), _ => change(DeliveryStatus.None), (_, current) => change(current));
        _changed[(tenant, id)] = 0;
    }

    public void Forget(string tenant, string id)
    {
        _live.TryRemove((tenant, id), out _);
        _changed.TryRemove((tenant, id), out _);
    }

    /// <summary>The states changed since the last call, to be written to the store.</summary>
    public IReadOnlyList<(string Tenant, string Id, DeliveryStatus Status)> TakeChanged()
    {
        var result = new List<(string, string, DeliveryStatus)>();
        foreach (var key in _changed.Keys)
        {
            _changed.TryRemove(key, out _);
            if (_live.TryGetValue(key, out var status)) result.Add((key.Tenant, key.Id, status));
        }
        return result;
    }
}
