using Stadtkern.Store;

namespace Stadtkern.Host.Migration;

/// <summary>A kind whose items a store lists whole and takes one at a time (subscriptions, rules, contexts, keys).</summary>
internal abstract class ListedKind<T> : StoreKind
{
    protected abstract Task<IReadOnlyList<T>> ListAsync(IEntityStore store, CancellationToken cancellation);

    protected abstract Task AddAsync(IEntityStore store, T item, CancellationToken cancellation);

    /// <summary>What of an item the fingerprint covers.</summary>
    protected abstract object?[] Fields(T item);

    public override async Task CopyAsync(IEntityStore from, IEntityStore to, Action<long> copied, CancellationToken cancellation)
    {
        long done = 0;
        foreach (var item in await ListAsync(from, cancellation))
        {
            await AddAsync(to, item, cancellation);
            copied(++done);
        }
    }

    public override async Task<(long Count, string Sha256)> FingerprintAsync(IEntityStore store, CancellationToken cancellation)
    {
        var fingerprint = new ContentFingerprint();
        foreach (var item in await ListAsync(store, cancellation)) fingerprint.Add(Fields(item));
        return fingerprint.Result();
    }
}
