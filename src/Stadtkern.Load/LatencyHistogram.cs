using System.Numerics;

namespace Stadtkern.Load;

/// <summary>
/// Latencies in microseconds, counted in log-linear buckets of fixed size (like HdrHistogram): exact below
/// 2^<c>precisionBits</c> µs, then a relative error of at most 2^-(precisionBits-1), up to about 19 hours.
/// Memory does not grow with the number of values; recording is thread-safe and lock-free.
/// </summary>
public sealed class LatencyHistogram
{
    private const int HighestBit = 36;
    private readonly int bits;
    private readonly long[] counts;
    private long count;
    private long sum;
    private long max;

    /// <param name="precisionBits">7 gives better than 1 % (2,048 buckets); 4 about 12 % (280 buckets), enough for a time window.</param>
    public LatencyHistogram(int precisionBits = 7)
    {
        if (precisionBits is < 2 or > 10) throw new ArgumentOutOfRangeException(nameof(precisionBits));
        bits = precisionBits;
        counts = new long[IndexOf(1L << HighestBit) + 1];
    }

    public long Count => Interlocked.Read(ref count);

    public double MaxMilliseconds => Interlocked.Read(ref max) / 1000.0;

    public double MeanMilliseconds => Count == 0 ? 0 : Interlocked.Read(ref sum) / 1000.0 / Count;

    public void Record(TimeSpan latency) => RecordMicroseconds((long)(latency.Ticks / (double)TimeSpan.TicksPerMicrosecond));

    public void RecordMicroseconds(long value)
    {
        value = Math.Clamp(value, 0, (1L << HighestBit) - 1);
        Interlocked.Increment(ref counts[IndexOf(value)]);
        Interlocked.Increment(ref count);
        Interlocked.Add(ref sum, value);
        var seen = Interlocked.Read(ref max);
        while (value > seen && Interlocked.CompareExchange(ref max, value, seen) != seen) seen = Interlocked.Read(ref max);
    }

    /// <summary>The latency below which <paramref name="percent"/> % of the values lie, in milliseconds (the middle of its bucket, never above the maximum); 0 when empty.</summary>
    public double PercentileMilliseconds(double percent)
    {
        var total = Count;
        if (total == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100.0 * total));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += Interlocked.Read(ref counts[i]);
            if (seen >= rank) return Math.Min(Middle(i), Interlocked.Read(ref max)) / 1000.0;
        }
        return MaxMilliseconds;
    }

    /// <summary>Adds the values of another histogram of the same precision.</summary>
    public void Add(LatencyHistogram other)
    {
        if (other.bits != bits) throw new ArgumentException("Histograms of different precision.", nameof(other));
        for (var i = 0; i < counts.Length; i++) Interlocked.Add(ref counts[i], Interlocked.Read(ref other.counts[i]));
        Interlocked.Add(ref count, other.Count);
        Interlocked.Add(ref sum, Interlocked.Read(ref other.sum));
        var theirs = Interlocked.Read(ref other.max);
        var seen = Interlocked.Read(ref max);
        while (theirs > seen && Interlocked.CompareExchange(ref max, theirs, seen) != seen) seen = Interlocked.Read(ref max);
    }

    private int IndexOf(long value)
    {
        var sub = 1L << bits;
        if (value < sub) return (int)value;
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)value) - (bits - 1);
        var half = sub >> 1;
        return (int)(sub + (shift - 1) * half + ((value >> shift) - half));
    }

    private long Middle(int index)
    {
        var sub = 1L << bits;
        if (index < sub) return index;
        var half = sub >> 1;
        var shift = (int)((index - sub) / half) + 1;
        var lowest = (half + (index - sub) % half) << shift;
        return lowest + ((1L << shift) >> 1);
    }
}
