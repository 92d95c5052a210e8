using System.Security.Cryptography;

namespace Stadtkern.Ledger;

/// <summary>The hashes of an RFC 6962 / RFC 9162 Merkle tree (SHA-256, with domain separation of leaves and nodes).</summary>
public static class MerkleHash
{
    public const int Size = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] Empty { get; } = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>SHA-256(0x00 || entry).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(entry);
        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + 2 * Size];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        return SHA256.HashData(input);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2): where a tree of n leaves splits.</summary>
    public static long Split(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));

    public static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;
}
