namespace Stadtkern.Conformance.Reporting;

/// <summary>Which cases of <see cref="CaseCatalog"/> a run takes: those whose key (<c>Clause/Id</c>) contains any of the filters, ignoring case; all without filters.</summary>
public static class CaseSelection
{
    public static IReadOnlyList<ConformanceCase> Select(IReadOnlyList<ConformanceCase> cases, IReadOnlyCollection<string> filters) =>
        filters.Count == 0
            ? cases
            : [.. cases.Where(c => filters.Any(f => c.Key.Contains(f, StringComparison.OrdinalIgnoreCase)))];
}
