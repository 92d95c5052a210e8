using System.Diagnostics;
using System.Text.Json;

namespace Stadtkern.Bench;

/// <summary>One wrk measurement: throughput and latency percentiles (µs) as reported by the scenario's Lua done() hook.</summary>
internal sealed record WrkResult(string Scenario, long Requests, double Seconds, double Rps, long P50, long P95, long P99, long Max, long Errors, long Non2xx);

/// <summary>Runs wrk with a scenario script (the shared reporting script prepended).</summary>
internal static class Wrk
{
    /// <param name="environment">Settings for the scenario script, read there with os.getenv (BENCH_N and BENCH_THREADS are always set).</param>
    public static async Task<WrkResult> RunAsync(string scenario, string baseUrl, BenchOptions options, int? connections = null, string? label = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var luaDir = Path.Combine(AppContext.BaseDirectory, "lua");
        var script = Path.Combine(Path.GetTempPath(), $"stadtkern-bench-{scenario}.lua");
        await File.WriteAllTextAsync(script, await File.ReadAllTextAsync(Path.Combine(luaDir, "common.lua")) + "\n" + await File.ReadAllTextAsync(Path.Combine(luaDir, scenario + ".lua")));
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        var c = connections ?? options.Connections;
        var threads = c < 2 ? 1 : 2;
        foreach (var a in new[] { $"-t{threads}", $"-c{c}", $"-d{options.DurationSeconds}s", "--timeout", "5s", "-s", script, baseUrl })
            info.ArgumentList.Add(a);
        info.Environment["BENCH_N"] = options.Entities.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["BENCH_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk is not installed (apt-get install -y wrk).");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk gave no result for {scenario}: {output} {await process.StandardError.ReadToEndAsync()}");
        using var json = JsonDocument.Parse(line["RESULT ".Length..]);
        var r = json.RootElement;
        return new WrkResult(label ?? scenario, r.GetProperty("requests").GetInt64(), r.GetProperty("seconds").GetDouble(), r.GetProperty("rps").GetDouble(),
            r.GetProperty("p50").GetInt64(), r.GetProperty("p95").GetInt64(), r.GetProperty("p99").GetInt64(), r.GetProperty("max").GetInt64(),
            r.GetProperty("errors").GetInt64(), r.GetProperty("non2xx").GetInt64());
    }
}
