namespace Stadtkern.Conformance;

/// <summary>The outcome of one case: passed, or the first failure with what was expected and what came back.</summary>
/// <param name="Failure">Null when the case passed; otherwise a readable account of the failing step.</param>
/// <param name="Transcript">One line per request sent (cleanup included): method, URL and status.</param>
public sealed record CaseResult(ConformanceCase Case, string? Failure, IReadOnlyList<string> Transcript, TimeSpan Duration)
{
    public bool Passed => Failure is null;

    public override string ToString() => Passed ? $"{Case.Key}: passed" : $"{Case.Key}: FAILED\n{Failure}";
}
