using Stadtkern.Host.Tools.Reports;
using Stadtkern.Load;

namespace Stadtkern.Host.Tools.Bench;

/// <summary>A bench report as one self-contained HTML page with inline SVG charts of throughput and latency over time (or over the offered rate).</summary>
internal static class BenchReportHtml
{
    public static string Write(BenchReport report)
    {
        var page = new HtmlPage($"stadtkern bench: {report.Profile}");
        page.Raw("<ul>" + string.Concat(BenchReportText.Settings(report).Select(l => $"<li>{HtmlPage.Encode(l)}</li>")) + "</ul>");
        if (report.Load is { } load)
        {
            page.Heading(2, "Result").Table(BenchReportText.ResultHeader, [BenchReportText.ResultRow("all", load)]);
            if (load.Operations.Count > 1) page.Table(BenchReportText.OperationHeader, load.Operations.Select(BenchReportText.OperationRow));
            page.Paragraph("Statuses: " + BenchReportText.Statuses(load) + ". Errors: " + BenchReportText.Errors(load.Errors) + ".");
            page.Heading(2, "Over time");
            page.Raw(SvgChart.Lines("Throughput", "s", "requests/s",
                new SvgChart.Series("completed/s", [.. load.Timeline.Select(w => (w.StartSeconds, w.PerSecond))]),
                new SvgChart.Series("errors/s", [.. load.Timeline.Select(w => (w.StartSeconds, w.Errors / w.LengthSeconds))])));
            page.Raw(SvgChart.Lines("Latency", "s", "ms",
                new SvgChart.Series("p50", [.. load.Timeline.Select(w => (w.StartSeconds, w.P50Milliseconds))]),
                new SvgChart.Series("p99", [.. load.Timeline.Select(w => (w.StartSeconds, w.P99Milliseconds))])));
            page.Table(BenchReportText.WindowHeader, load.Timeline.Select(BenchReportText.WindowRow));
        }
        if (report.Capacity is { } capacity)
        {
            page.Heading(2, "Capacity").Paragraph(capacity.Verdict);
            page.Raw(SvgChart.Lines("Throughput over offered rate", "offered/s", "requests/s",
                new SvgChart.Series("offered", [.. capacity.Steps.Select(s => (s.Rate, s.Rate))]),
                new SvgChart.Series("succeeded", [.. capacity.Steps.Select(s => (s.Rate, s.Summary.Throughput))]),
                new SvgChart.Series("failed/s", [.. capacity.Steps.Select(s => (s.Rate, s.Summary.Failed / Math.Max(s.Summary.Seconds, 0.001)))])));
            page.Raw(SvgChart.Lines("p99 latency over offered rate", "offered/s", "ms",
                new SvgChart.Series("p99", [.. capacity.Steps.Select(s => (s.Rate, s.Summary.Latency.P99))]),
                new SvgChart.Series("objective", [.. capacity.Steps.Select(s => (s.Rate, capacity.SloP99Milliseconds))])));
            page.Table(BenchReportText.StepHeader, capacity.Steps.Select(BenchReportText.StepRow), row => row[^1] == "met" ? "pass" : "fail");
        }
        if (report.Figures.Count > 0)
            page.Paragraph("Profile figures: " + string.Join(", ", report.Figures.Select(f => $"{f.Key} {BenchReportText.N(f.Value)}")) + ".");
        if (report.Baselines.Count > 0)
            page.Heading(2, "Baselines (same machine, same run)").Table(BenchReportText.BaselineHeader, report.Baselines.Select(BenchReportText.BaselineRow));
        return page.ToString();
    }
}
