using Stadtkern.Load;
using Stadtkern.Load.Baselines;
using Stadtkern.Load.Profiles;

namespace Stadtkern.Host.Tools.Bench;

/// <summary>Runs a prepared profile as the settings say (a measured load or a capacity search), then the baselines when the target is local.</summary>
internal sealed class BenchSession(TimeProvider clock, ProgressLine progress)
{
    public async Task<BenchReport> RunAsync(BenchSettings settings, NgsiTarget target, LoadProfile profile, CancellationToken cancellation)
    {
        var started = clock.GetUtcNow();
        var driver = new LoadDriver(clock);
        var run = new BenchRun(driver);
        LoadSummary? load = null;
        CapacityReport? capacity = null;
        if (settings.Capacity is { } plan)
        {
            capacity = await new CapacitySearch(run, clock).RunAsync(profile, plan, settings.Shape.Concurrency, settings.Shape.RequestTimeout, settings.WarmUp,
                progress, progress.Log, cancellation);
        }
        else
        {
            var how = settings.Shape.Rate is { } rate ? $"{rate:N0} requests/s offered, up to {settings.Shape.Concurrency} in flight" : $"{settings.Shape.Concurrency} connections, closed loop";
            progress.Log($"bench {profile.Name} on {target.Address}: {how}, {settings.Shape.Duration.TotalSeconds:0.#} s");
            load = await run.MeasureAsync(profile, settings.Shape, settings.WarmUp, progress, progress.Log, cancellation);
        }
        var measured = load ?? capacity?.Knee?.Summary;
        IReadOnlyList<Baseline> baselines = [];
        if (settings.Baselines && target.IsLocal && measured is not null)
            baselines = await new BaselineRun(driver).MeasureAsync(measured, profile.WritesPerRequest, settings.Shape, progress.Log, cancellation);
        else if (settings.Baselines && !target.IsLocal)
            progress.Log("baselines skipped: the target is not on this machine, so a local baseline would not compare like with like");
        return new BenchReport(profile.Name, target.Address.ToString(), started, settings.Entities, settings.Seed, settings.Shape, settings.WarmUp,
            profile.WritesPerRequest, load, capacity, profile.Figures(), baselines);
    }
}
