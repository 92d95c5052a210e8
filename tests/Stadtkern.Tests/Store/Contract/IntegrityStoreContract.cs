using System.Text;
using Stadtkern.Anonymisation;
using Stadtkern.Ledger;
using Stadtkern.Subscriptions;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>The transparency log's storage, the tenants' pseudonym secrets, and the outbox bound, alike on every backend.</summary>
public abstract class IntegrityStoreContract<TBackend>(TBackend backend) : StoreContract<TBackend>(backend) where TBackend : StoreBackend, new()
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task The_log_gives_out_indexes_in_order_and_its_nodes_make_the_reference_roots()
    {
        var store = (ILedgerStore)await OpenAloneAsync();
        var leaves = Ledger.MerkleVectors.Leaves;

        Assert.Equal([0L, 1L, 2L], await store.AppendLedgerAsync([.. leaves.Take(3).Select(l => ("test", l))], At, None));
        Assert.Equal([3L, 4L, 5L, 6L, 7L], await store.AppendLedgerAsync([.. leaves.Skip(3).Select(l => ("test", l))], At, None));

        Assert.Equal(8, await store.LedgerSizeAsync(None));
        for (var size = 1; size <= 8; size++)
        {
            var keys = new HashSet<(int, long)>();
            new MerkleTree((level, index) => { keys.Add((level, index)); return MerkleHash.Empty; }).Root(size);
            var nodes = await store.LedgerNodesAsync(keys, None);
            Assert.Equal(Convert.ToHexString(Ledger.MerkleVectors.Root(size)), Convert.ToHexString(new MerkleTree((l, i) => nodes[(l, i)]).Root(size)));
        }
        var entry = await store.LedgerEntryAsync(5, None);
        Assert.Equal(leaves[5], entry!.Body);
        Assert.Equal(MerkleHash.Leaf(leaves[5]), entry.LeafHash);
        Assert.Equal(At, entry.RecordedAt);
        Assert.Equal(5, await store.LedgerIndexOfAsync(MerkleHash.Leaf(leaves[5]), None));
        Assert.Null(await store.LedgerIndexOfAsync(MerkleHash.Leaf([1, 2, 3]), None));
        Assert.Null(await store.LedgerEntryAsync(8, None));
    }

    [SkippableFact]
    public async Task Pseudonym_keys_are_versioned_per_tenant()
    {
        var store = (IPseudonymKeyStore)await OpenAsync();

        var first = await store.AddPseudonymKeyAsync(Tenant, Encoding.UTF8.GetBytes("one"), At, None);
        var second = await store.AddPseudonymKeyAsync(Tenant, Encoding.UTF8.GetBytes("two"), At.AddDays(1), None);
        await store.AddPseudonymKeyAsync(Tenant + "-other", Encoding.UTF8.GetBytes("elsewhere"), At, None);

        Assert.Equal((1, 2), (first.Version, second.Version));
        var keys = await store.PseudonymKeysAsync(Tenant, None);
        Assert.Equal([1, 2], keys.Select(k => k.Version));
        Assert.Equal("two", Encoding.UTF8.GetString(keys[1].Secret));
        Assert.Equal(At.AddDays(1), keys[1].CreatedAt);
        Assert.Empty(await store.PseudonymKeysAsync(Tenant + "-none", None));
    }

    [SkippableFact]
    public async Task Trimming_an_outbox_keeps_the_newest_rows_of_that_subscription_only()
    {
        var store = (ISubscriptionStore)await OpenAsync();
        OutboxMessage Message(string subscription, int n) =>
            new(Tenant, subscription, "http://127.0.0.1:1/notify", new Dictionary<string, string>(), $"{{\"n\":{n}}}", At);
        await store.EnqueueAsync([.. Enumerable.Range(0, 8).Select(n => Message("urn:ngsi-ld:Subscription:a", n)), Message("urn:ngsi-ld:Subscription:b", 0)], None);

        Assert.Equal(5, await store.TrimOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:a", 3, None));
        Assert.Equal(0, await store.TrimOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:a", 3, None));

        Assert.Equal(["{\"n\":5}", "{\"n\":6}", "{\"n\":7}"], (await store.ReadOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:a", 0, 10, None)).Select(e => e.Message.Body));
        Assert.Single(await store.ReadOutboxAsync(Tenant, "urn:ngsi-ld:Subscription:b", 0, 10, None));
    }
}
