using Stadtkern.Load.Baselines;

namespace Stadtkern.Load;

/// <summary>Everything <c>stadtkern bench</c> reports: the settings, the measured load (or the capacity search), the profile's own figures and the baselines.</summary>
public sealed record BenchReport(
    string Profile,
    string Target,
    DateTimeOffset StartedAt,
    long Entities,
    int Seed,
    LoadShape Shape,
    TimeSpan WarmUp,
    int WritesPerRequest,
    LoadSummary? Load,
    CapacityReport? Capacity,
    IReadOnlyDictionary<string, double> Figures,
    IReadOnlyList<Baseline> Baselines)
{
    /// <summary>The run the baselines are read against: the load, or the knee of the capacity search.</summary>
    public LoadSummary? Measured => Load ?? Capacity?.Knee?.Summary;
}
