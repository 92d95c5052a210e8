using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Host.Tools.Reports;
using Stadtkern.Load;

namespace Stadtkern.Host.Tools.Bench;

/// <summary>A bench report as JSON or Markdown (HTML: <see cref="BenchReportHtml"/>).</summary>
internal static class BenchReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(BenchReport report, ReportFormat format) => format switch
    {
        ReportFormat.Json => Json(report).ToJsonString(Indented) + "\n",
        ReportFormat.Html => BenchReportHtml.Write(report),
        _ => Markdown(report),
    };

    public static JsonObject Json(BenchReport report) => new()
    {
        ["profile"] = report.Profile,
        ["target"] = report.Target,
        ["startedAt"] = report.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        ["version"] = Cli.Version,
        ["settings"] = new JsonObject
        {
            ["entities"] = report.Entities,
            ["seed"] = report.Seed,
            ["durationSeconds"] = report.Shape.Duration.TotalSeconds,
            ["rate"] = report.Shape.Rate,
            ["openLoop"] = report.Shape.Rate is not null,
            ["concurrency"] = report.Shape.Concurrency,
            ["requests"] = report.Shape.Requests,
            ["warmUpSeconds"] = report.WarmUp.TotalSeconds,
            ["timeoutSeconds"] = report.Shape.RequestTimeout.TotalSeconds,
            ["writesPerRequest"] = report.WritesPerRequest,
        },
        ["load"] = report.Load is { } load ? Summary(load) : null,
        ["capacity"] = report.Capacity is { } capacity ? Capacity(capacity) : null,
        ["figures"] = new JsonObject([.. report.Figures.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))]),
        ["baselines"] = new JsonArray([.. report.Baselines.Select(b => (JsonNode)new JsonObject
        {
            ["name"] = b.Name, ["value"] = Math.Round(b.Value, 1), ["unit"] = b.Unit, ["ratio"] = Math.Round(b.Ratio, 4), ["explanation"] = b.Explanation,
        })]),
    };

    public static JsonObject Summary(LoadSummary s) => new()
    {
        ["offeredRate"] = s.OfferedRate,
        ["seconds"] = Math.Round(s.Seconds, 3),
        ["sent"] = s.Sent,
        ["succeeded"] = s.Succeeded,
        ["failed"] = s.Failed,
        ["throughput"] = Math.Round(s.Throughput, 1),
        ["latencyMs"] = Latency(s.Latency),
        ["statuses"] = new JsonObject([.. s.Statuses.Select(p => KeyValuePair.Create(p.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)p.Value))]),
        ["errors"] = new JsonObject([.. s.Errors.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        ["operations"] = new JsonArray([.. s.Operations.Select(o => (JsonNode)new JsonObject
        {
            ["name"] = o.Name, ["succeeded"] = o.Succeeded, ["failed"] = o.Failed, ["latencyMs"] = Latency(o.Latency),
        })]),
        ["timeline"] = new JsonArray([.. s.Timeline.Select(w => (JsonNode)new JsonObject
        {
            ["start"] = w.StartSeconds, ["seconds"] = w.LengthSeconds, ["requests"] = w.Requests, ["errors"] = w.Errors,
            ["p50"] = Math.Round(w.P50Milliseconds, 2), ["p99"] = Math.Round(w.P99Milliseconds, 2), ["max"] = Math.Round(w.MaxMilliseconds, 2),
        })]),
    };

    private static JsonObject Capacity(CapacityReport c) => new()
    {
        ["sloP99Ms"] = c.SloP99Milliseconds,
        ["maxErrorRatio"] = c.MaxErrorRatio,
        ["kneeRate"] = c.KneeRate,
        ["behaviour"] = c.Behaviour.ToString(),
        ["errorsPastKnee"] = new JsonObject([.. c.ErrorsPastKnee.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        ["verdict"] = c.Verdict,
        ["steps"] = new JsonArray([.. c.Steps.Select(s => (JsonNode)new JsonObject
        {
            ["rate"] = Math.Round(s.Rate, 1), ["metObjective"] = s.MetObjective, ["broken"] = s.Broken, ["load"] = Summary(s.Summary),
        })]),
    };

    private static JsonObject Latency(LatencyFigures l) => new()
    {
        ["p50"] = Math.Round(l.P50, 3), ["p90"] = Math.Round(l.P90, 3), ["p95"] = Math.Round(l.P95, 3), ["p99"] = Math.Round(l.P99, 3),
        ["p999"] = Math.Round(l.P999, 3), ["max"] = Math.Round(l.Max, 3), ["mean"] = Math.Round(l.Mean, 3),
    };

    public static string Markdown(BenchReport report)
    {
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"# stadtkern bench: {report.Profile}").AppendLine();
        foreach (var line in BenchReportText.Settings(report)) text.AppendLine("- " + line);
        if (report.Load is { } load)
        {
            text.AppendLine().AppendLine("## Result").AppendLine();
            Table(text, BenchReportText.ResultHeader, [BenchReportText.ResultRow("all", load)]);
            if (load.Operations.Count > 1) Table(text.AppendLine(), BenchReportText.OperationHeader, load.Operations.Select(BenchReportText.OperationRow));
            text.AppendLine().AppendLine("Statuses: " + BenchReportText.Statuses(load) + ". Errors: " + BenchReportText.Errors(load.Errors) + ".");
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## Over time (windows of {load.Timeline.FirstOrDefault()?.LengthSeconds ?? 1:0.#} s)").AppendLine();
            Table(text, BenchReportText.WindowHeader, load.Timeline.Select(BenchReportText.WindowRow));
        }
        if (report.Capacity is { } capacity)
        {
            text.AppendLine().AppendLine("## Capacity").AppendLine().AppendLine(capacity.Verdict).AppendLine();
            Table(text, BenchReportText.StepHeader, capacity.Steps.Select(BenchReportText.StepRow));
        }
        if (report.Figures.Count > 0)
            text.AppendLine().AppendLine("Profile figures: " + string.Join(", ", report.Figures.Select(f => $"{f.Key} {f.Value:N0}")) + ".");
        if (report.Baselines.Count > 0)
        {
            text.AppendLine().AppendLine("## Baselines (same machine, same run)").AppendLine();
            Table(text, BenchReportText.BaselineHeader, report.Baselines.Select(BenchReportText.BaselineRow));
        }
        return text.ToString();
    }

    private static void Table(StringBuilder text, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select((_, i) => i == 0 ? " --- |" : " ---: |")));
        foreach (var row in rows) text.AppendLine("| " + string.Join(" | ", row) + " |");
    }
}
