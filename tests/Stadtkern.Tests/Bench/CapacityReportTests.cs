using Stadtkern.Load;

namespace Stadtkern.Tests.Bench;

/// <summary>The knee and the behaviour past it, from the steps of a capacity search.</summary>
public sealed class CapacityReportTests
{
    private static readonly CapacityPlan Plan = new(100, 2, TimeSpan.FromSeconds(5), SloP99Milliseconds: 50);

    private static CapacityStep Step(double rate, double p99, params (string Error, long Count)[] errors)
    {
        var failed = errors.Sum(e => e.Count);
        var summary = new LoadSummary(rate, 16, 5, (long)rate * 5, (long)rate * 5 - failed, failed, new LatencyFigures(p99 / 2, p99, p99, p99, p99, p99, p99 / 2),
            new Dictionary<int, long>(), errors.ToDictionary(e => e.Error, e => e.Count), [], []);
        return new CapacityStep(rate, summary, CapacitySearch.Judge(summary, Plan));
    }

    [Fact]
    public void Refusals_with_503_past_the_knee_are_clean_shedding()
    {
        var report = CapacityReport.Of([Step(100, 10), Step(200, 20), Step(400, 30, ("HTTP 503", 500), ("HTTP 429", 10))], Plan);

        Assert.Equal(200, report.KneeRate);
        Assert.Equal(Overload.ShedCleanly, report.Behaviour);
        Assert.Equal(500, report.ErrorsPastKnee["HTTP 503"]);
        Assert.Contains("shed load cleanly", report.Verdict);
    }

    [Fact]
    public void Time_outs_past_the_knee_are_a_failure()
    {
        var report = CapacityReport.Of([Step(100, 10), Step(200, 900, ("timeout", 50), ("HTTP 503", 5))], Plan);

        Assert.Equal(100, report.KneeRate);
        Assert.Equal(Overload.Failed, report.Behaviour);
        Assert.Contains("timeout", report.Verdict);
    }

    [Fact]
    public void Latency_past_the_objective_without_errors_is_queueing()
    {
        var report = CapacityReport.Of([Step(100, 10), Step(200, 80)], Plan);

        Assert.Equal(Overload.Queued, report.Behaviour);
        Assert.Equal(100, report.KneeRate);
    }

    [Fact]
    public void Requests_left_unsent_because_every_connection_waited_are_queueing_not_failure()
    {
        var report = CapacityReport.Of([Step(100, 10), Step(200, 400, (RequestOutcome.NotSentKind, 40))], Plan);

        Assert.Equal(Overload.Queued, report.Behaviour);
        Assert.Contains("--concurrency", report.Verdict);
    }

    [Fact]
    public void A_step_that_broke_once_below_met_ones_is_a_blip_not_the_knee()
    {
        var report = CapacityReport.Of([Step(100, 70), Step(200, 10), Step(400, 20), Step(800, 90), Step(1600, 95, ("HTTP 503", 100))], Plan);

        Assert.Equal(400, report.KneeRate);
        Assert.Equal(Overload.ShedCleanly, report.Behaviour);
        Assert.Contains("noisy", report.Verdict);
    }

    [Fact]
    public void No_knee_when_the_first_step_breaks_and_not_reached_when_none_does()
    {
        var broken = CapacityReport.Of([Step(100, 70)], Plan);
        var held = CapacityReport.Of([Step(100, 10), Step(200, 10)], Plan);

        Assert.Null(broken.KneeRate);
        Assert.Contains("Even the first rate", broken.Verdict);
        Assert.Equal(Overload.NotReached, held.Behaviour);
        Assert.Equal(200, held.KneeRate);
    }
}
