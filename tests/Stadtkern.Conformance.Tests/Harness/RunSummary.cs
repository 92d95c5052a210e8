using System.Collections.Concurrent;
using System.Text;

namespace Stadtkern.Conformance.Tests.Harness;

/// <summary>How a case ended, for the per-clause counts.</summary>
public enum CaseOutcome
{
    Passed,
    Failed,
    /// <summary>Failed, and listed in known-failures.txt: reported as skipped.</summary>
    KnownFailure,
    /// <summary>Passed although listed in known-failures.txt: the test fails until the line is removed.</summary>
    ListedButPassing,
}

/// <summary>Per clause group: how many cases passed, failed, or failed as known; written as <c>conformance-summary.md</c> at the end of a run.</summary>
public sealed class RunSummary
{
    /// <summary>The file the summary is written to, in the test assembly's folder.</summary>
    public const string FileName = "conformance-summary.md";

    /// <summary>The failing cases in the format of known-failures.txt, for copying lines from.</summary>
    public const string CandidatesFileName = "known-failures.candidates.txt";

    private readonly ConcurrentDictionary<string, CaseOutcome> outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> failures = new(StringComparer.Ordinal);

    public bool HasResults => !outcomes.IsEmpty;

    public void Record(ConformanceCase @case, CaseOutcome outcome, string? failure)
    {
        outcomes[@case.Key] = outcome;
        if (failure is not null)
        {
            failures[@case.Key] = FirstProblem(failure);
        }
    }

    /// <summary>Writes the summary and the candidates file into the folder; returns the summary text.</summary>
    public string Write(string folder)
    {
        var markdown = ToMarkdown();
        File.WriteAllText(Path.Combine(folder, FileName), markdown);
        File.WriteAllLines(Path.Combine(folder, CandidatesFileName),
            failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}  {f.Value}"));
        return markdown;
    }

    public string ToMarkdown()
    {
        var rows = outcomes
            .GroupBy(o => CaseCatalog.GroupOf(o.Key[..o.Key.LastIndexOf('/')]))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.Select(o => o.Value).ToList()))
            .ToList();
        rows.Add(Row("**total**", [.. outcomes.Values]));

        var text = new StringBuilder()
            .AppendLine("# Conformance summary")
            .AppendLine()
            .AppendLine($"ETSI NGSI-LD conformance cases run against Stadtkern at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.")
            .AppendLine("\"known\" failed and is listed in known-failures.txt (reported as skipped); \"listed but passing\" should be removed from it.")
            .AppendLine()
            .AppendLine("| clause group | cases | passed | failed | known | listed but passing | pass rate |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            text.AppendLine(row);
        }

        return text.ToString();
    }

    private static string Row(string group, List<CaseOutcome> list)
    {
        int Count(CaseOutcome outcome) => list.Count(o => o == outcome);
        var passed = Count(CaseOutcome.Passed) + Count(CaseOutcome.ListedButPassing);
        var rate = list.Count == 0 ? 0 : 100.0 * passed / list.Count;
        return $"| {group} | {list.Count} | {passed} | {Count(CaseOutcome.Failed)} | {Count(CaseOutcome.KnownFailure)} | {Count(CaseOutcome.ListedButPassing)} | {rate:0}% |";
    }

    // The runner's account starts with the case line, then the step; the "Problem:" line says it best.
    private static string FirstProblem(string failure)
    {
        var lines = failure.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var line = lines.FirstOrDefault(l => l.StartsWith("Problem:", StringComparison.Ordinal))?["Problem:".Length..].Trim()
            ?? lines.Skip(1).FirstOrDefault() ?? "";
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
