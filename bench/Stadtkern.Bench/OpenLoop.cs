using System.Diagnostics;

namespace Stadtkern.Bench;

/// <summary>
/// An open-loop load: item k is due at start + k / rate, whatever happened to the items before it, and its latency is
/// measured from that due time, so a slow server shows as latency instead of as a lower rate (no coordinated omission).
/// </summary>
internal sealed class OpenLoop(int items, double perSecond, int concurrency)
{
    private readonly long[] _completed = new long[items];

    public long Start { get; private set; }

    public long Failures { get; private set; }

    /// <summary>Stopwatch timestamp at which item <paramref name="k"/> was due.</summary>
    public long Due(int k) => Start + (long)(k * Stopwatch.Frequency / perSecond);

    /// <summary>Stopwatch timestamp at which item <paramref name="k"/> was answered (-1: it failed).</summary>
    public long Completed(int k) => _completed[k];

    /// <summary>Runs <paramref name="send"/> for every item at its due time; false from it counts as a failure.</summary>
    public async Task RunAsync(Func<int, Task<bool>> send)
    {
        Start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var next = -1;
        long failures = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < items)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), Due(k));
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var ok = await send(k);
                _completed[k] = ok ? Stopwatch.GetTimestamp() : -1;
                if (!ok) Interlocked.Increment(ref failures);
            }
        })));
        Failures = failures;
    }

    /// <summary>Milliseconds from item <paramref name="k"/>'s due time to <paramref name="timestamp"/>.</summary>
    public double MillisecondsSinceDue(int k, long timestamp) => (timestamp - Due(k)) * 1000.0 / Stopwatch.Frequency;
}
