using Stadtkern.Errors;

namespace Stadtkern.Ledger;

/// <summary>A checkpoint with its signed note.</summary>
public sealed record SignedCheckpoint(Checkpoint Checkpoint, string Note);

/// <summary>
/// The transparency log (RFC 6962 / RFC 9162) of release manifests and catalog changes: appends entries, signs
/// checkpoints (C2SP) and answers inclusion and consistency proofs. Proofs read only the O(log n) stored nodes they need.
/// </summary>
public sealed class TransparencyLog(ILedgerStore store, LedgerSigner signer)
{
    private SignedCheckpoint? _latest;

    public string VerifierKey => signer.VerifierKey;

    public Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<(string Kind, byte[] Body)> entries, DateTimeOffset at, CancellationToken cancellation) =>
        store.AppendLedgerAsync(entries, at, cancellation);

    /// <summary>The signed checkpoint of the log as it is now.</summary>
    public async Task<SignedCheckpoint> CheckpointAsync(CancellationToken cancellation)
    {
        var size = await store.LedgerSizeAsync(cancellation);
        if (Volatile.Read(ref _latest) is { } cached && cached.Checkpoint.Size == size) return cached;
        var root = await WithNodesAsync(tree => tree.Root(size), cancellation);
        var checkpoint = new Checkpoint(signer.Origin, size, root);
        var signed = new SignedCheckpoint(checkpoint, signer.Sign(checkpoint));
        Volatile.Write(ref _latest, signed);
        return signed;
    }

    public async Task<LedgerEntry> EntryAsync(long index, CancellationToken cancellation) =>
        await store.LedgerEntryAsync(index, cancellation) ?? throw NgsiLdException.NotFound($"The ledger has no entry {index}.");

    /// <summary>The index of the first entry with this leaf hash.</summary>
    public async Task<long> IndexOfAsync(byte[] leafHash, CancellationToken cancellation) =>
        await store.LedgerIndexOfAsync(leafHash, cancellation) ?? throw NgsiLdException.NotFound("The ledger has no entry with this leaf hash.");

    /// <summary>The audit path of entry <paramref name="index"/> in the tree of <paramref name="size"/> entries (default: the whole log).</summary>
    public async Task<(long Size, List<byte[]> Proof)> InclusionAsync(long index, long? size, CancellationToken cancellation)
    {
        var current = await store.LedgerSizeAsync(cancellation);
        var treeSize = size ?? current;
        if (treeSize < 1 || treeSize > current) throw NgsiLdException.BadData($"The tree size must be from 1 to the log's size {current}.");
        if (index < 0 || index >= treeSize) throw NgsiLdException.NotFound($"The tree of {treeSize} entries has no entry {index}.");
        return (treeSize, await WithNodesAsync(tree => tree.InclusionProof(index, treeSize), cancellation));
    }

    /// <summary>The proof that the log's first <paramref name="from"/> entries are the first of its <paramref name="to"/>.</summary>
    public async Task<List<byte[]>> ConsistencyAsync(long from, long to, CancellationToken cancellation)
    {
        var current = await store.LedgerSizeAsync(cancellation);
        if (from < 1 || from > to || to > current)
            throw NgsiLdException.BadData($"A consistency proof needs 1 ≤ from ≤ to ≤ the log's size {current}.");
        return await WithNodesAsync(tree => tree.ConsistencyProof(from, to), cancellation);
    }

    /// <summary>
    /// Runs a tree computation over the stored nodes: a first pass notes which nodes it reads (which does not depend on
    /// their hashes), one query fetches them, and the second pass computes with them.
    /// </summary>
    private async Task<T> WithNodesAsync<T>(Func<MerkleTree, T> compute, CancellationToken cancellation)
    {
        var wanted = new HashSet<(int, long)>();
        compute(new MerkleTree((level, index) =>
        {
            wanted.Add((level, index));
            return MerkleHash.Empty;
        }));
        var nodes = await store.LedgerNodesAsync(wanted, cancellation);
        return compute(new MerkleTree((level, index) => nodes[(level, index)]));
    }
}
