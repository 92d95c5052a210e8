namespace Stadtkern.Ledger;

/// <summary>
/// Roots and proofs of an append-only Merkle tree (RFC 6962 §2.1), computed from the hashes of its perfect subtrees:
/// node (level, index) covers leaves [index·2^level, (index+1)·2^level). A log keeps those nodes as leaves are added
/// (<see cref="NewNodes"/>), so every root and proof takes O(log n) node reads, whatever the tree's size.
/// </summary>
public sealed class MerkleTree(Func<int, long, byte[]> node)
{
    /// <summary>The tree head of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size) => size == 0 ? MerkleHash.Empty : Range(0, size);

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, bottom-up (RFC 6962 PATH).</summary>
    public List<byte[]> InclusionProof(long index, long size)
    {
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of {size}.");
        var proof = new List<byte[]>();
        Path(index, 0, size, proof);
        return proof;
    }

    /// <summary>The proof that the tree of <paramref name="size1"/> leaves is a prefix of the tree of <paramref name="size2"/> (RFC 6962 PROOF).</summary>
    public List<byte[]> ConsistencyProof(long size1, long size2)
    {
        if (size1 < 1 || size1 > size2) throw new ArgumentOutOfRangeException(nameof(size1), $"No consistency proof from {size1} to {size2}.");
        var proof = new List<byte[]>();
        if (size1 < size2) SubProof(size1, 0, size2, true, proof);
        return proof;
    }

    private void Path(long m, long start, long end, List<byte[]> proof)
    {
        if (end - start <= 1) return;
        var k = MerkleHash.Split(end - start);
        if (m < k)
        {
            Path(m, start, start + k, proof);
            proof.Add(Range(start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, proof);
            proof.Add(Range(start, start + k));
        }
    }

    private void SubProof(long m, long start, long end, bool whole, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!whole) proof.Add(Range(start, end));
            return;
        }
        var k = MerkleHash.Split(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, whole, proof);
            proof.Add(Range(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, proof);
            proof.Add(Range(start, start + k));
        }
    }

    /// <summary>MTH of leaves [start, end): a stored node when the range is a whole perfect subtree, else split as RFC 6962 does.</summary>
    private byte[] Range(long start, long end)
    {
        var n = end - start;
        if (MerkleHash.IsPowerOfTwo(n) && start % n == 0) return node(63 - (int)long.LeadingZeroCount(n), start / n);
        var k = MerkleHash.Split(n);
        return MerkleHash.Node(Range(start, start + k), Range(start + k, end));
    }

    /// <summary>
    /// The perfect-subtree nodes that become complete when leaf <paramref name="index"/> is appended: the leaf itself, and
    /// each parent whose right child it completes. <paramref name="node"/> must answer for the nodes already complete.
    /// </summary>
    public static List<(int Level, long Index, byte[] Hash)> NewNodes(long index, byte[] leafHash, Func<int, long, byte[]> node)
    {
        var result = new List<(int, long, byte[])> { (0, index, leafHash) };
        var (level, i, hash) = (0, index, leafHash);
        while ((i & 1) == 1)
        {
            hash = MerkleHash.Node(node(level, i - 1), hash);
            level++;
            i >>= 1;
            result.Add((level, i, hash));
        }
        return result;
    }
}
