using System.Collections.Concurrent;

namespace Stadtkern.Load;

/// <summary>
/// Collects the outcomes of one load run in bounded memory: one latency histogram overall and one per operation, counts by
/// status and by error, and a timeline of at most <see cref="MaxWindows"/> windows (longer runs get longer windows).
/// </summary>
public sealed class LoadRecorder
{
    public const int MaxWindows = 300;

    private readonly ConcurrentDictionary<string, OperationStats> operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> statuses = new();
    private readonly ConcurrentDictionary<string, long> errors = new(StringComparer.Ordinal);
    private readonly Window[] windows;
    private long sent;

    /// <param name="expected">How long the run should take; windows are one second, or longer when that would make more than <see cref="MaxWindows"/>.</param>
    public LoadRecorder(TimeSpan expected)
    {
        WindowLength = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(expected.TotalSeconds / MaxWindows)));
        // Room for a run that overruns its plan (a slow target drains its backlog): the last window takes the rest.
        windows = new Window[Math.Min(MaxWindows * 2, (int)Math.Ceiling(expected.TotalSeconds * 2 / WindowLength.TotalSeconds) + 2)];
        for (var i = 0; i < windows.Length; i++) windows[i] = new Window();
    }

    public TimeSpan WindowLength { get; }

    /// <summary>From the start of the load to its last answer (set by the driver when the run is over).</summary>
    public TimeSpan Elapsed { get; internal set; }

    public LatencyHistogram Latency { get; } = new();

    public long Sent => Interlocked.Read(ref sent);

    public long Succeeded => Latency.Count - Failed;

    public long Failed => errors.Values.Sum();

    public IReadOnlyDictionary<string, OperationStats> Operations => operations;

    public IReadOnlyDictionary<int, long> Statuses => statuses;

    public IReadOnlyDictionary<string, long> Errors => errors;

    public void CountSent() => Interlocked.Increment(ref sent);

    /// <summary>Records an outcome with its latency, in the window of <paramref name="sinceStart"/> (when it completed).</summary>
    public void Record(RequestOutcome outcome, TimeSpan latency, TimeSpan sinceStart)
    {
        Latency.Record(latency);
        operations.GetOrAdd(outcome.Operation, _ => new OperationStats()).Record(outcome, latency);
        if (outcome.Status > 0) statuses.AddOrUpdate(outcome.Status, 1, (_, n) => n + 1);
        if (outcome.Error is { } error) errors.AddOrUpdate(error, 1, (_, n) => n + 1);
        var index = (int)Math.Clamp(sinceStart.Ticks / WindowLength.Ticks, 0, windows.Length - 1);
        windows[index].Record(outcome.Succeeded, latency);
    }

    /// <summary>The windows from the first to the last that saw an outcome.</summary>
    public IReadOnlyList<WindowStats> Timeline()
    {
        var last = Array.FindLastIndex(windows, w => w.Latency.Count > 0);
        return [.. windows.Take(last + 1).Select((w, i) => new WindowStats(
            i * WindowLength.TotalSeconds, WindowLength.TotalSeconds, w.Latency.Count, Interlocked.Read(ref w.Errors),
            w.Latency.PercentileMilliseconds(50), w.Latency.PercentileMilliseconds(99), w.Latency.MaxMilliseconds))];
    }

    private sealed class Window
    {
        public readonly LatencyHistogram Latency = new(4);
        public long Errors;

        public void Record(bool succeeded, TimeSpan latency)
        {
            Latency.Record(latency);
            if (!succeeded) Interlocked.Increment(ref Errors);
        }
    }
}

/// <summary>The outcomes of one operation of a profile (a mixed profile has several).</summary>
public sealed class OperationStats
{
    private long failed;

    public LatencyHistogram Latency { get; } = new();

    public long Failed => Interlocked.Read(ref failed);

    public long Succeeded => Latency.Count - Failed;

    public void Record(RequestOutcome outcome, TimeSpan latency)
    {
        Latency.Record(latency);
        if (!outcome.Succeeded) Interlocked.Increment(ref failed);
    }
}

/// <summary>One window of the timeline: what completed in it and how long it took.</summary>
public sealed record WindowStats(double StartSeconds, double LengthSeconds, long Requests, long Errors, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds)
{
    public double PerSecond => Requests / LengthSeconds;
}
