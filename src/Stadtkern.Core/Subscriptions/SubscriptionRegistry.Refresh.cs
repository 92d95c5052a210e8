namespace Stadtkern.Subscriptions;

/// <summary>Follows the subscription writes of other nodes that share the store (see <c>INodeCoordination</c>).</summary>
public sealed partial class SubscriptionRegistry
{
    /// <summary>Reads one subscription again: compiled anew when it is stored, dropped when it is not.</summary>
    public async Task RefreshAsync(string tenant, string id, CancellationToken cancellation)
    {
        if (await store.GetSubscriptionAsync(tenant, id, cancellation) is not { } stored)
        {
            Remove(tenant, id);
            return;
        }
        board.Seed(tenant, id, stored.Status);
        await TryCompileAsync(stored, Memoized(cancellation));
        Rebuild();
    }

    /// <summary>Reads every subscription again, dropping those no longer stored (notices may have been missed).</summary>
    public async Task ReloadAsync(CancellationToken cancellation)
    {
        var all = await store.AllSubscriptionsAsync(cancellation);
        var kept = all.Select(s => (s.Tenant, s.Id)).ToHashSet();
        List<(string Tenant, string Id)> gone;
        lock (_lock) gone = [.. _all.Keys.Concat(_unresolved.Keys).Where(k => !kept.Contains(k)).Distinct()];
        foreach (var (tenant, id) in gone) Remove(tenant, id);
        var resolve = Memoized(cancellation);
        foreach (var stored in all)
        {
            board.Seed(stored.Tenant, stored.Id, stored.Status);
            await TryCompileAsync(stored, resolve);
        }
        Rebuild();
    }
}
