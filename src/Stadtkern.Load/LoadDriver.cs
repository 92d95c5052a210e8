namespace Stadtkern.Load;

/// <summary>
/// Offers a load. With a rate it is open loop: request k is due at start + k/rate whatever happened to the ones before,
/// and its latency counts from that due time, so a target that falls behind shows as latency rather than as a lower
/// rate (no coordinated omission). Requests still unsent when the time is up are counted as errors
/// (<see cref="RequestOutcome.NotSentKind"/>), not dropped. Without a rate each connection sends back to back.
/// </summary>
public sealed class LoadDriver(TimeProvider clock)
{
    private static readonly TimeSpan StartDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    /// <param name="send">Sends request k; it gets a token that is cancelled when the request's time is up, and throws for a request that got no answer.</param>
    public async Task<LoadRecorder> RunAsync(LoadShape shape, Func<long, CancellationToken, Task<RequestOutcome>> send, string operation,
        IProgress<LoadProgress>? progress, CancellationToken cancellation)
    {
        var recorder = new LoadRecorder(shape.Duration);
        var frequency = clock.TimestampFrequency;
        var start = clock.GetTimestamp() + (long)(StartDelay.TotalSeconds * frequency);
        var end = start + (long)(shape.Duration.TotalSeconds * frequency);
        var next = -1L;
        var workers = Enumerable.Range(0, shape.Concurrency).Select(_ => Task.Run(async () =>
        {
            long k;
            while ((k = Interlocked.Increment(ref next)) < (shape.Requests ?? long.MaxValue))
            {
                var now = clock.GetTimestamp();
                var due = shape.Rate is { } rate ? start + (long)(k * frequency / rate) : Math.Max(now, start);
                if (due >= end || (shape.Rate is null && now >= end)) break;
                if (now >= end)
                {
                    recorder.Record(RequestOutcome.NotSent(operation), clock.GetElapsedTime(due, now), clock.GetElapsedTime(start, now));
                    continue;
                }
                if (due > now) await Task.Delay(clock.GetElapsedTime(now, due), clock, cancellation);
                recorder.CountSent();
                var outcome = await SendOneAsync(send, k, shape.RequestTimeout, operation, cancellation);
                var done = clock.GetTimestamp();
                recorder.Record(outcome, clock.GetElapsedTime(due, done), clock.GetElapsedTime(start, done));
            }
        }, cancellation)).ToList();

        var all = Task.WhenAll(workers);
        LoadProgress Snapshot() => new(clock.GetElapsedTime(start), shape.Duration, recorder.Sent, recorder.Latency.Count, recorder.Failed,
            recorder.Latency.PercentileMilliseconds(99));
        if (progress is not null)
        {
            while (await Task.WhenAny(all, Task.Delay(ProgressEvery, clock, cancellation)) != all) progress.Report(Snapshot());
        }
        await all;
        recorder.Elapsed = clock.GetElapsedTime(start);
        progress?.Report(Snapshot());
        return recorder;
    }

    private static async Task<RequestOutcome> SendOneAsync(Func<long, CancellationToken, Task<RequestOutcome>> send, long k, TimeSpan timeout, string operation,
        CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            return await send(k, deadline.Token);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            return RequestOutcome.NoAnswer(operation, e);
        }
    }
}
