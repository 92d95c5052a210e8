using Stadtkern.Load.Profiles;

namespace Stadtkern.Load;

/// <summary>The objective a step must meet, and how the rate is raised.</summary>
public sealed record CapacityPlan(double StartRate, double Factor, TimeSpan StepDuration, double SloP99Milliseconds, double MaxErrorRatio = 0.01, int MaxSteps = 20, int StepsPastKnee = 2)
{
    public CapacityPlan Validate()
    {
        if (StartRate <= 0) throw new ArgumentException("The first rate of --find-capacity (--rate) must be more than 0.");
        if (Factor is <= 1 or > 10) throw new ArgumentException("--step-factor must be more than 1 and at most 10.");
        if (SloP99Milliseconds <= 0) throw new ArgumentException("--slo-p99 must be more than 0 milliseconds.");
        if (MaxSteps is < 1 or > 100) throw new ArgumentException("--max-steps must be between 1 and 100.");
        return this;
    }
}

/// <summary>One step of a capacity search: the offered rate and what came of it.</summary>
public sealed record CapacityStep(double Rate, LoadSummary Summary, string? Broken)
{
    public bool MetObjective => Broken is null;
}

/// <summary>
/// Raises an open-loop rate step by step until steps have more than the allowed share of errors or break the p99
/// objective several times in a row (seeing how the target behaves under overload), and reports the knee (the highest
/// rate that met the objective below those steps) and that behaviour.
/// </summary>
public sealed class CapacitySearch(BenchRun run, TimeProvider clock)
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    public async Task<CapacityReport> RunAsync(LoadProfile profile, CapacityPlan plan, int concurrency, TimeSpan timeout, TimeSpan warmUp,
        IProgress<LoadProgress>? progress, Action<string> log, CancellationToken cancellation)
    {
        var steps = new List<CapacityStep>();
        var rate = plan.StartRate;
        // A single broken step between met ones is noise (a shared machine, a pause of the target's runtime): the search
        // only ends once the objective stayed broken for StepsPastKnee + 1 steps in a row.
        var brokenInARow = 0;
        for (var i = 0; i < plan.MaxSteps && brokenInARow <= plan.StepsPastKnee; i++, rate *= plan.Factor)
        {
            log($"step {i + 1}: {rate:N0} requests/s for {plan.StepDuration.TotalSeconds:0.#} s");
            var shape = new LoadShape(plan.StepDuration, rate, concurrency, Timeout: timeout).Validate();
            var summary = await run.MeasureAsync(profile, shape, i == 0 ? warmUp : TimeSpan.Zero, progress, log, cancellation);
            var broken = Judge(summary, plan);
            steps.Add(new CapacityStep(rate, summary, broken));
            log($"  {summary.Throughput:N0}/s done, p99 {summary.Latency.P99:0.#} ms, errors {summary.ErrorRatio:P1}{(broken is null ? "" : $" — {broken}")}");
            brokenInARow = broken is null ? 0 : brokenInARow + 1;
            await Task.Delay(Pause, clock, cancellation);
        }
        return CapacityReport.Of(steps, plan);
    }

    /// <summary>Why a step broke the objective, or null when it met it.</summary>
    public static string? Judge(LoadSummary summary, CapacityPlan plan) =>
        summary.ErrorRatio > plan.MaxErrorRatio ? $"errors {summary.ErrorRatio:P1} > {plan.MaxErrorRatio:P0}"
        : summary.Latency.P99 > plan.SloP99Milliseconds ? $"p99 {summary.Latency.P99:0.#} ms > {plan.SloP99Milliseconds:0.#} ms"
        : null;
}
