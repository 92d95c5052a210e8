using Stadtkern.Ledger;
using Stadtkern.Store;

namespace Stadtkern.Host.Migration;

/// <summary>The integrity ledger's entries in their order; the target computes the same Merkle tree from them.</summary>
internal sealed class LedgerKind : StoreKind
{
    public override string Name => "ledger";

    public override async Task CopyAsync(IEntityStore from, IEntityStore to, Action<long> copied, CancellationToken cancellation)
    {
        var source = As<ILedgerStore>(from);
        var size = await source.LedgerSizeAsync(cancellation);
        for (long i = 0; i < size; i++)
        {
            var entry = await source.LedgerEntryAsync(i, cancellation) ?? throw new InvalidOperationException($"Ledger entry {i} is missing in the source.");
            await As<ILedgerStore>(to).AppendLedgerAsync([(entry.Kind, entry.Body)], entry.RecordedAt, cancellation);
            copied(i + 1);
        }
    }

    public override async Task<(long Count, string Sha256)> FingerprintAsync(IEntityStore store, CancellationToken cancellation)
    {
        var ledger = As<ILedgerStore>(store);
        var fingerprint = new ContentFingerprint();
        var size = await ledger.LedgerSizeAsync(cancellation);
        for (long i = 0; i < size; i++)
            if (await ledger.LedgerEntryAsync(i, cancellation) is { } e) fingerprint.Add(e.Index, e.Kind, e.Body, e.LeafHash, e.RecordedAt);
        return fingerprint.Result();
    }
}
