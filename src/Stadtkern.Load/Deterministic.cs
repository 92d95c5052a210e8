namespace Stadtkern.Load;

/// <summary>Numbers that depend only on a seed and an index (SplitMix64), so entity k and request k are the same in every run with the same seed.</summary>
public static class Deterministic
{
    /// <summary>A number in [0, 1) for (seed, index, salt).</summary>
    public static double Unit(int seed, long index, int salt = 0) => (Mix(seed, index, salt) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A number in [0, count) for (seed, index, salt).</summary>
    public static long Below(long count, int seed, long index, int salt = 0) => (long)(Mix(seed, index, salt) % (ulong)count);

    private static ulong Mix(int seed, long index, int salt)
    {
        var z = unchecked((ulong)index * 0x9E3779B97F4A7C15UL + ((ulong)(uint)seed << 32) + (uint)salt + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
