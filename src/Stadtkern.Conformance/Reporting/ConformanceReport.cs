namespace Stadtkern.Conformance.Reporting;

/// <summary>The outcome of a conformance run against one broker: per case and per clause group, with the difference for each failure.</summary>
public sealed record ConformanceReport(string Target, string SuiteFolder, DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<CaseOutcome> Cases)
{
    public int Passed => Cases.Count(c => c.Passed);

    public int Failed => Cases.Count - Passed;

    /// <summary>The clause groups (<see cref="CaseCatalog.GroupOf"/>) in order, with their counts.</summary>
    public IReadOnlyList<GroupOutcome> Groups =>
        [.. Cases.GroupBy(c => c.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupOutcome(g.Key, g.Count(c => c.Passed), g.Count(c => !c.Passed)))];

    /// <summary>A report of finished case results.</summary>
    public static ConformanceReport Of(string target, string suiteFolder, DateTimeOffset startedAt, TimeSpan duration, IEnumerable<CaseResult> results) =>
        new(target, suiteFolder, startedAt, duration, [.. results.Select(CaseOutcome.Of).OrderBy(c => c.Key, StringComparer.Ordinal)]);
}

/// <summary>One case of a report; <see cref="Difference"/> is the runner's account of the failing step (expected, problem, got), null when it passed.</summary>
public sealed record CaseOutcome(string Key, string Clause, string Group, string Id, string Title, string? Difference, IReadOnlyList<string> Transcript, TimeSpan Duration)
{
    public bool Passed => Difference is null;

    public static CaseOutcome Of(CaseResult result) =>
        new(result.Case.Key, result.Case.Clause, CaseCatalog.GroupOf(result.Case.Clause), result.Case.Id, result.Case.Title, result.Failure, result.Transcript, result.Duration);
}

/// <summary>The counts of one clause group.</summary>
public sealed record GroupOutcome(string Group, int Passed, int Failed)
{
    public int Cases => Passed + Failed;
}
