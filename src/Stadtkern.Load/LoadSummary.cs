namespace Stadtkern.Load;

/// <summary>The figures of one load run: what was offered and sent, throughput, latency percentiles, statuses, errors, per operation and over time.</summary>
public sealed record LoadSummary(
    double? OfferedRate,
    int Concurrency,
    double Seconds,
    long Sent,
    long Succeeded,
    long Failed,
    LatencyFigures Latency,
    IReadOnlyDictionary<int, long> Statuses,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyList<OperationFigures> Operations,
    IReadOnlyList<WindowStats> Timeline)
{
    /// <summary>Successful requests per second over the run.</summary>
    public double Throughput => Seconds <= 0 ? 0 : Succeeded / Seconds;

    public long Completed => Succeeded + Failed;

    /// <summary>Failed of all completed requests (those never sent included), 0..1.</summary>
    public double ErrorRatio => Completed == 0 ? 0 : (double)Failed / Completed;

    public static LoadSummary Of(LoadRecorder recorder, LoadShape shape) => new(
        shape.Rate,
        shape.Concurrency,
        recorder.Elapsed.TotalSeconds,
        recorder.Sent,
        recorder.Succeeded,
        recorder.Failed,
        LatencyFigures.Of(recorder.Latency),
        new SortedDictionary<int, long>(recorder.Statuses.ToDictionary()),
        new SortedDictionary<string, long>(recorder.Errors.ToDictionary(), StringComparer.Ordinal),
        [.. recorder.Operations.OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => new OperationFigures(o.Key, o.Value.Succeeded, o.Value.Failed, LatencyFigures.Of(o.Value.Latency)))],
        recorder.Timeline());
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencyFigures(double P50, double P90, double P95, double P99, double P999, double Max, double Mean)
{
    public static LatencyFigures Of(LatencyHistogram h) => new(
        h.PercentileMilliseconds(50), h.PercentileMilliseconds(90), h.PercentileMilliseconds(95), h.PercentileMilliseconds(99),
        h.PercentileMilliseconds(99.9), h.MaxMilliseconds, h.MeanMilliseconds);
}

/// <summary>The figures of one operation of a profile.</summary>
public sealed record OperationFigures(string Name, long Succeeded, long Failed, LatencyFigures Latency);
