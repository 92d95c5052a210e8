namespace Stadtkern.Ledger;

/// <summary>One entry of the log: what was logged (a release manifest, a catalog change), its leaf hash, and when.</summary>
public sealed record LedgerEntry(long Index, string Kind, byte[] Body, byte[] LeafHash, DateTimeOffset RecordedAt);

/// <summary>
/// The append-only store of the transparency log: its entries and the hashes of its perfect subtrees (so that roots and
/// proofs take O(log n) reads). Entries and their nodes are written in one durable transaction; nothing is ever changed
/// or deleted.
/// </summary>
public interface ILedgerStore
{
    /// <summary>Appends the entries in order and returns their indexes (0-based).</summary>
    Task<IReadOnlyList<long>> AppendLedgerAsync(IReadOnlyList<(string Kind, byte[] Body)> entries, DateTimeOffset at, CancellationToken cancellation);

    Task<long> LedgerSizeAsync(CancellationToken cancellation);

    Task<LedgerEntry?> LedgerEntryAsync(long index, CancellationToken cancellation);

    /// <summary>The lowest index whose leaf hash this is, or null.</summary>
    Task<long?> LedgerIndexOfAsync(byte[] leafHash, CancellationToken cancellation);

    /// <summary>The hashes of the given perfect-subtree nodes (each must be complete).</summary>
    Task<IReadOnlyDictionary<(int Level, long Index), byte[]>> LedgerNodesAsync(IReadOnlyCollection<(int Level, long Index)> nodes, CancellationToken cancellation);
}
