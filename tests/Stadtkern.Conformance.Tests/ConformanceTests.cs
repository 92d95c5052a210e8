using Stadtkern.Conformance.Tests.Harness;

namespace Stadtkern.Conformance.Tests;

/// <summary>Every ETSI conformance case of the tables, run against the in-process Stadtkern broker, one test per case.</summary>
/// <remarks>
/// A case listed in known-failures.txt that fails is skipped with its reason; one that passes fails, so the line gets
/// removed. The per-clause counts are written to <c>conformance-summary.md</c> in the test output folder.
/// </remarks>
[Collection(ConformanceCollection.Name)]
public sealed class ConformanceTests(BrokerFixture broker)
{
    public static TheoryData<string> Keys() => new(CaseCatalog.All.Select(c => c.Key));

    [ConformanceTheory]
    [MemberData(nameof(Keys))]
    public async Task Case(string key)
    {
        var @case = CaseCatalog.Find(key) ?? throw new InvalidOperationException($"No case {key}.");
        var result = await broker.Runner.RunAsync(@case);
        var listed = broker.KnownFailures.TryGetReason(key, out var reason);
        var outcome = (result.Passed, listed) switch
        {
            (true, false) => CaseOutcome.Passed,
            (true, true) => CaseOutcome.ListedButPassing,
            (false, true) => CaseOutcome.KnownFailure,
            (false, false) => CaseOutcome.Failed,
        };
        broker.Summary.Record(@case, outcome, result.Failure);

        switch (outcome)
        {
            case CaseOutcome.ListedButPassing:
                Assert.Fail($"{key} passes now: remove it from known-failures.txt.");
                break;
            case CaseOutcome.KnownFailure:
                Skip.If(true, $"Known failure: {(reason.Length > 0 ? reason : "(no reason given)")}");
                break;
            case CaseOutcome.Failed:
                Assert.Fail(result.Failure);
                break;
        }
    }
}
