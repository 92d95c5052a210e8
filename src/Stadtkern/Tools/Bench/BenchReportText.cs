using System.Globalization;
using Stadtkern.Load;
using Stadtkern.Load.Baselines;

namespace Stadtkern.Host.Tools.Bench;

/// <summary>The lines and table rows of a bench report, shared by its Markdown and HTML forms.</summary>
internal static class BenchReportText
{
    public static readonly string[] ResultHeader = ["", "requests/s", "succeeded", "failed", "p50 ms", "p95 ms", "p99 ms", "max ms"];
    public static readonly string[] OperationHeader = ["operation", "succeeded", "failed", "p50 ms", "p95 ms", "p99 ms", "max ms"];
    public static readonly string[] WindowHeader = ["from s", "requests/s", "errors", "p50 ms", "p99 ms", "max ms"];
    public static readonly string[] StepHeader = ["offered/s", "done/s", "failed", "p50 ms", "p99 ms", "max ms", "errors", "objective"];
    public static readonly string[] BaselineHeader = ["baseline", "figure", "ratio", "what the ratio is"];

    public static IEnumerable<string> Settings(BenchReport r)
    {
        yield return $"Target: {r.Target}, started {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, Stadtkern {Cli.Version}.";
        yield return r.Shape.Rate is { } rate
            ? $"Open loop: {N(rate)} requests/s offered (latency counts from each request's due time), at most {r.Shape.Concurrency} in flight."
            : $"Closed loop: {r.Shape.Concurrency} connections, each sending its next request when the last is answered.";
        yield return $"Duration {r.Shape.Duration.TotalSeconds:0.#} s{(r.Shape.Requests is { } n ? $" or {N(n)} requests" : "")}, after a warm-up of {r.WarmUp.TotalSeconds:0.#} s; time-out {r.Shape.RequestTimeout.TotalSeconds:0.#} s per request.";
        yield return $"City: {N(r.Entities)} entities (Smart Data Models shapes), seed {r.Seed}.";
    }

    public static IReadOnlyList<string> ResultRow(string label, LoadSummary s) =>
        [label, N(s.Throughput), N(s.Succeeded), N(s.Failed), Ms(s.Latency.P50), Ms(s.Latency.P95), Ms(s.Latency.P99), Ms(s.Latency.Max)];

    public static IReadOnlyList<string> OperationRow(OperationFigures o) =>
        [o.Name, N(o.Succeeded), N(o.Failed), Ms(o.Latency.P50), Ms(o.Latency.P95), Ms(o.Latency.P99), Ms(o.Latency.Max)];

    public static IReadOnlyList<string> WindowRow(WindowStats w) =>
        [w.StartSeconds.ToString("0.#", CultureInfo.InvariantCulture), N(w.PerSecond), N(w.Errors), Ms(w.P50Milliseconds), Ms(w.P99Milliseconds), Ms(w.MaxMilliseconds)];

    public static IReadOnlyList<string> StepRow(CapacityStep s) =>
        [N(s.Rate), N(s.Summary.Throughput), N(s.Summary.Failed), Ms(s.Summary.Latency.P50), Ms(s.Summary.Latency.P99), Ms(s.Summary.Latency.Max),
         Errors(s.Summary.Errors), s.Broken ?? "met"];

    public static IReadOnlyList<string> BaselineRow(Baseline b) =>
        [b.Name, $"{N(b.Value)} {b.Unit}", b.Ratio.ToString("0.000", CultureInfo.InvariantCulture), b.Explanation];

    public static string Statuses(LoadSummary s) =>
        s.Statuses.Count == 0 ? "none" : string.Join(", ", s.Statuses.Select(p => $"{p.Key} × {N(p.Value)}"));

    public static string Errors(IReadOnlyDictionary<string, long> errors) =>
        errors.Count == 0 ? "none" : string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} × {N(e.Value)}"));

    public static string N(double value) => value.ToString(value is > 0 and < 10 && value % 1 != 0 ? "N1" : "N0", CultureInfo.InvariantCulture);

    public static string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}
