using Stadtkern.Store;

namespace Stadtkern.Host.Migration;

/// <summary>One kind of content a store holds (entities, history, subscriptions, ...): how to copy it from one store to another, and its fingerprint.</summary>
internal abstract class StoreKind
{
    public abstract string Name { get; }

    /// <summary>Copies everything of this kind, calling <paramref name="copied"/> with the number of items done so far.</summary>
    public abstract Task CopyAsync(IEntityStore from, IEntityStore to, Action<long> copied, CancellationToken cancellation);

    /// <summary>What the store holds of this kind, as read through the storage interfaces.</summary>
    public abstract Task<(long Count, string Sha256)> FingerprintAsync(IEntityStore store, CancellationToken cancellation);

    /// <summary>Every kind, in the order they are copied: history before entities, so that a temporal representation keeps its creation time.</summary>
    public static IReadOnlyList<StoreKind> All { get; } =
    [
        new ContextsKind(), new HistoryKind(), new EntitiesKind(), new SubscriptionsKind(), new OutboxKind(),
        new MappingRulesKind(), new WatchRulesKind(TimeProvider.System), new PseudonymKeysKind(TimeProvider.System), new LedgerKind(), new CatalogKind(),
    ];

    protected static T As<T>(IEntityStore store) where T : class =>
        store as T ?? throw new InvalidOperationException($"The store {store.Description} does not hold {typeof(T).Name}.");
}
