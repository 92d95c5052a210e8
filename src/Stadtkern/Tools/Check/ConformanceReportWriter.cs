using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Conformance.Reporting;
using Stadtkern.Host.Tools.Reports;

namespace Stadtkern.Host.Tools.Check;

/// <summary>A conformance report as JSON (top-level <c>passed</c> and <c>failed</c>), Markdown or a self-contained HTML page.</summary>
internal static class ConformanceReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ConformanceReport report, ReportFormat format) => format switch
    {
        ReportFormat.Json => Json(report).ToJsonString(Indented) + "\n",
        ReportFormat.Html => Html(report),
        _ => Markdown(report),
    };

    public static JsonObject Json(ConformanceReport report) => new()
    {
        ["target"] = report.Target,
        ["suite"] = report.SuiteFolder,
        ["startedAt"] = report.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        ["seconds"] = Math.Round(report.Duration.TotalSeconds, 1),
        ["passed"] = report.Passed,
        ["failed"] = report.Failed,
        ["cases"] = report.Cases.Count,
        ["groups"] = new JsonArray([.. report.Groups.Select(g => (JsonNode)new JsonObject
        {
            ["group"] = g.Group,
            ["passed"] = g.Passed,
            ["failed"] = g.Failed,
        })]),
        ["results"] = new JsonArray([.. report.Cases.Select(c => (JsonNode)new JsonObject
        {
            ["key"] = c.Key,
            ["group"] = c.Group,
            ["title"] = c.Title,
            ["passed"] = c.Passed,
            ["difference"] = c.Difference,
            ["requests"] = c.Passed ? null : new JsonArray([.. c.Transcript.Select(t => (JsonNode)JsonValue.Create(t))]),
        })]),
    };

    public static string Markdown(ConformanceReport report)
    {
        var text = new StringBuilder()
            .AppendLine("# NGSI-LD conformance report")
            .AppendLine()
            .AppendLine(Summary(report))
            .AppendLine()
            .AppendLine("| clause group | cases | passed | failed | pass rate |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var g in report.Groups)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {g.Group} | {g.Cases} | {g.Passed} | {g.Failed} | {Rate(g.Passed, g.Cases)} |");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"| **total** | {report.Cases.Count} | {report.Passed} | {report.Failed} | {Rate(report.Passed, report.Cases.Count)} |");
        var failures = report.Cases.Where(c => !c.Passed).ToList();
        if (failures.Count > 0)
        {
            text.AppendLine().AppendLine("## Failed cases").AppendLine();
            foreach (var c in failures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"### {c.Key}").AppendLine()
                    .AppendLine(c.Title).AppendLine()
                    .AppendLine("```").AppendLine(c.Difference!.TrimEnd()).AppendLine("```").AppendLine();
            }
        }
        text.AppendLine().AppendLine("## Every case").AppendLine();
        foreach (var c in report.Cases)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {(c.Passed ? "passed" : "**FAILED**")} `{c.Key}` {c.Title}");
        }
        return text.ToString();
    }

    public static string Html(ConformanceReport report)
    {
        var page = new HtmlPage("NGSI-LD conformance report").Paragraph(Summary(report));
        page.Table(["clause group", "cases", "passed", "failed", "pass rate"],
            [.. report.Groups.Select(g => (IReadOnlyList<string>)[g.Group, Count(g.Cases), Count(g.Passed), Count(g.Failed), Rate(g.Passed, g.Cases)]),
             ["total", Count(report.Cases.Count), Count(report.Passed), Count(report.Failed), Rate(report.Passed, report.Cases.Count)]],
            row => row[3] == "0" ? "pass" : "fail");
        page.Heading(2, "Cases");
        foreach (var c in report.Cases)
        {
            var label = $"<span class=\"{(c.Passed ? "pass\">passed" : "fail\">FAILED")}</span> <code>{HtmlPage.Encode(c.Key)}</code> {HtmlPage.Encode(c.Title)}";
            page.Raw(c.Passed ? $"<div>{label}</div>" : $"<details open><summary>{label}</summary><pre>{HtmlPage.Encode(c.Difference!)}</pre></details>");
        }
        return page.ToString();
    }

    private static string Summary(ConformanceReport report) =>
        $"{report.Target}: {report.Passed} of {report.Cases.Count} cases passed, {report.Failed} failed " +
        $"(ETSI NGSI-LD test suite data from {report.SuiteFolder}; {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.Duration.TotalSeconds:0.#} s).";

    private static string Rate(int passed, int cases) => cases == 0 ? "–" : (100.0 * passed / cases).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
