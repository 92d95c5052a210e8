using Stadtkern.Load.Profiles;

namespace Stadtkern.Load;

/// <summary>One measurement of a prepared profile: a warm-up whose outcomes are dropped, then the load itself.</summary>
public sealed class BenchRun(LoadDriver driver)
{
    // Every phase sends its own range of request numbers, so that a create of the warm-up never collides with one measured.
    private const long PhaseStride = 1_000_000_000_000;
    private int phase;

    public async Task<LoadSummary> MeasureAsync(LoadProfile profile, LoadShape shape, TimeSpan warmUp, IProgress<LoadProgress>? progress, Action<string> log,
        CancellationToken cancellation)
    {
        if (warmUp > TimeSpan.Zero)
        {
            log($"warm-up: {warmUp.TotalSeconds:0.#} s, outcomes not counted");
            await RunAsync(profile, shape with { Duration = warmUp, Requests = null }, progress, cancellation);
        }
        var recorder = await RunAsync(profile, shape, progress, cancellation);
        return LoadSummary.Of(recorder, shape);
    }

    private Task<LoadRecorder> RunAsync(LoadProfile profile, LoadShape shape, IProgress<LoadProgress>? progress, CancellationToken cancellation)
    {
        var offset = ++phase * PhaseStride;
        return driver.RunAsync(shape, (k, token) => profile.SendAsync(offset + k, token), profile.Name, progress, cancellation);
    }
}
