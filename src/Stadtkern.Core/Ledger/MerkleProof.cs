namespace Stadtkern.Ledger;

/// <summary>
/// Checks inclusion and consistency proofs as RFC 9162 §2.1.3.2 and §2.1.4.2 describe, with the strict rules a verifier
/// needs: hashes of exactly 32 bytes, an index inside the tree, no consistency from the empty tree, and an empty proof
/// only between equal trees.
/// </summary>
public static class MerkleProof
{
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long treeSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (leafHash.Length != MerkleHash.Size || root.Length != MerkleHash.Size || index < 0 || index >= treeSize) return false;
        if (proof.Any(p => p.Length != MerkleHash.Size)) return false;
        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    public static bool VerifyConsistency(long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (size1 < 1 || size1 > size2) return false;
        if (size1 == size2) return proof.Count == 0 && root1.SequenceEqual(root2);
        if (root1.Length != MerkleHash.Size || root2.Length != MerkleHash.Size || proof.Any(p => p.Length != MerkleHash.Size)) return false;
        if (proof.Count == 0) return false;
        var path = MerkleHash.IsPowerOfTwo(size1) ? [root1.ToArray(), .. proof] : proof.ToList();
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(root1) && sr.AsSpan().SequenceEqual(root2);
    }
}
