namespace Stadtkern.Load;

/// <summary>
/// How a load is offered: for how long, at what rate (null: closed loop, each connection sends its next request when the
/// last is answered), over how many connections, up to how many requests, and how long one request may take.
/// </summary>
public sealed record LoadShape(TimeSpan Duration, double? Rate, int Concurrency, long? Requests = null, TimeSpan? Timeout = null)
{
    public TimeSpan RequestTimeout => Timeout ?? TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentException"/> with a message fit for the command line when the shape makes no sense.</summary>
    public LoadShape Validate()
    {
        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromDays(1)) throw new ArgumentException("--duration must be more than 0 and at most 86400 seconds.");
        if (Rate is { } rate && (rate <= 0 || rate > 1_000_000 || double.IsNaN(rate))) throw new ArgumentException("--rate must be more than 0 and at most 1,000,000 requests per second.");
        if (Concurrency is < 1 or > 10_000) throw new ArgumentException("--concurrency must be between 1 and 10,000.");
        if (Requests is < 1) throw new ArgumentException("--requests must be at least 1.");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("--timeout must be more than 0 seconds.");
        return this;
    }
}

/// <summary>A snapshot of a running load, for the live progress line.</summary>
public sealed record LoadProgress(TimeSpan Elapsed, TimeSpan Planned, long Sent, long Completed, long Errors, double P99Milliseconds);
