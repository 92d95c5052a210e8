using System.Globalization;

namespace Stadtkern.Load;

/// <summary>How the target behaved past its capacity.</summary>
public enum Overload
{
    /// <summary>No step broke the objective: the capacity is above the highest rate tried.</summary>
    NotReached,
    /// <summary>No errors from the target, but latency past the objective: requests queued (unsent requests included).</summary>
    Queued,
    /// <summary>The only errors were 429/503: the target refused what it could not take and answered the rest.</summary>
    ShedCleanly,
    /// <summary>Time-outs, other 5xx or 4xx, refused or reset connections.</summary>
    Failed,
}

/// <summary>The outcome of a capacity search: the steps, the knee, and the behaviour past it.</summary>
public sealed record CapacityReport(IReadOnlyList<CapacityStep> Steps, double SloP99Milliseconds, double MaxErrorRatio, double? KneeRate, Overload Behaviour,
    IReadOnlyDictionary<string, long> ErrorsPastKnee, string Verdict)
{
    public CapacityStep? Knee => Steps.LastOrDefault(s => s.MetObjective && s.Rate == KneeRate);

    public static CapacityReport Of(IReadOnlyList<CapacityStep> steps, CapacityPlan plan)
    {
        // Overload is the trailing run of broken steps; a broken step followed by a met one was a blip.
        var firstBroken = steps.Count;
        while (firstBroken > 0 && !steps[firstBroken - 1].MetObjective) firstBroken--;
        var blips = steps.Take(firstBroken).Count(s => !s.MetObjective);
        if (firstBroken == steps.Count) firstBroken = -1;
        var good = (firstBroken < 0 ? steps : steps.Take(firstBroken)).Where(s => s.MetObjective).ToList();
        double? knee = good.Count > 0 ? good[^1].Rate : null;
        var past = firstBroken < 0 ? [] : steps.Skip(firstBroken).ToList();
        var errors = past.SelectMany(s => s.Summary.Errors).GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
        // Requests the client could not send (every connection waiting on the target) are the target's queue showing, not its errors.
        var answered = errors.Keys.Where(e => e != RequestOutcome.NotSentKind).ToList();
        var behaviour = firstBroken < 0 ? Overload.NotReached
            : answered.Count == 0 ? Overload.Queued
            : answered.All(RequestOutcome.IsShedding) ? Overload.ShedCleanly
            : Overload.Failed;
        var verdict = Describe(steps, knee, behaviour, errors, past, plan);
        if (blips > 0) verdict += $" {blips} lower step(s) broke the objective once and a higher one met it again: the target or the machine is noisy, so rerun before trusting the knee.";
        return new CapacityReport(steps, plan.SloP99Milliseconds, plan.MaxErrorRatio, knee, behaviour, errors, verdict);
    }

    private static string Describe(IReadOnlyList<CapacityStep> steps, double? knee, Overload behaviour, Dictionary<string, long> errors, List<CapacityStep> past, CapacityPlan plan)
    {
        string Rate(double r) => r.ToString("N0", CultureInfo.InvariantCulture);
        var objective = $"p99 ≤ {plan.SloP99Milliseconds:0.#} ms and errors ≤ {plan.MaxErrorRatio:P0}";
        var where = knee is { } k ? $"Capacity (knee): {Rate(k)} requests/s with {objective}." : $"Even the first rate, {Rate(steps[0].Rate)}/s, broke the objective ({objective}); start lower with --rate to find the knee.";
        if (behaviour == Overload.NotReached) return $"The objective ({objective}) held up to {Rate(steps[^1].Rate)} requests/s, the highest rate tried.";
        var beyond = knee is null ? "At these rates" : "Above the knee";
        var goodput = $"{beyond} the target still completed up to {Rate(past.Max(s => s.Summary.Throughput))} requests/s successfully, with p99 up to {past.Max(s => s.Summary.Latency.P99):0.#} ms.";
        var list = string.Join(", ", errors.Where(e => e.Key != RequestOutcome.NotSentKind).OrderByDescending(e => e.Value).Select(e => $"{e.Key} × {e.Value:N0}"));
        if (errors.TryGetValue(RequestOutcome.NotSentKind, out var unsent))
            goodput += $" {unsent:N0} requests could not be sent in time because every connection was waiting for an answer (raise --concurrency to offer the full rate).";
        return behaviour switch
        {
            Overload.Queued => $"{where} {beyond} there were no errors, but requests queued (latency above the objective). {goodput}",
            Overload.ShedCleanly => $"{where} {beyond} the target shed load cleanly, refusing with 429/503 ({list}) and answering the rest. {goodput}",
            _ => $"{where} {beyond} the target failed rather than shedding load: {list}. {goodput}",
        };
    }
}
