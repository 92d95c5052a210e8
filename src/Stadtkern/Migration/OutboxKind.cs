using Stadtkern.Store;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Migration;

/// <summary>The undelivered notifications, each subscription's in their order (their sequence numbers are the target's own).</summary>
internal sealed class OutboxKind : StoreKind
{
    private const int Page = 500;

    public override string Name => "outbox";

    private static async IAsyncEnumerable<(string Tenant, string Subscription, IReadOnlyList<OutboxEntry> Page)> PagesAsync(ISubscriptionStore store,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        foreach (var (tenant, subscription, _) in await store.PendingQueuesAsync(0, cancellation))
            for (long after = 0; ;)
            {
                var page = await store.ReadOutboxAsync(tenant, subscription, after, Page, cancellation);
                if (page.Count == 0) break;
                yield return (tenant, subscription, page);
                after = page[^1].Seq;
            }
    }

    public override async Task CopyAsync(IEntityStore from, IEntityStore to, Action<long> copied, CancellationToken cancellation)
    {
        var target = As<ISubscriptionStore>(to);
        long done = 0;
        await foreach (var (_, _, page) in PagesAsync(As<ISubscriptionStore>(from), cancellation))
        {
            await target.EnqueueAsync(page.Select(e => e.Message).ToList(), cancellation);
            copied(done += page.Count);
        }
    }

    public override async Task<(long Count, string Sha256)> FingerprintAsync(IEntityStore store, CancellationToken cancellation)
    {
        var fingerprint = new ContentFingerprint();
        var position = new Dictionary<(string, string), int>();
        await foreach (var (tenant, subscription, page) in PagesAsync(As<ISubscriptionStore>(store), cancellation))
            foreach (var entry in page)
            {
                var n = position[(tenant, subscription)] = position.GetValueOrDefault((tenant, subscription)) + 1;
                var m = entry.Message;
                fingerprint.Add(tenant, subscription, n, m.Uri, OutboxPairs.Write(new SortedDictionary<string, string>(m.Headers.ToDictionary(), StringComparer.Ordinal)),
                    m.Body, m.QueuedAt, OutboxPairs.Write(new SortedDictionary<string, string>(m.NotifierInfo.ToDictionary(), StringComparer.Ordinal)));
            }
        return fingerprint.Result();
    }
}
