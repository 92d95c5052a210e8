using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Stadtkern.Bench;

/// <summary>The foundation benchmarks of issue 2: create, GET by id, partial update, type+q and geo near at N entities, against a plaintext baseline in the same run.</summary>
internal static class BrokerBenchmark
{
    internal const int BrokerPort = 18126;
    internal const int PlaintextPort = 18127;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var stadtkern = options.BrokerPath;
        if (!File.Exists(stadtkern)) throw new FileNotFoundException("Build first: dotnet build -c Release", stadtkern);
        var data = Directory.CreateTempSubdirectory("stadtkern-bench-");
        var results = new List<WrkResult>();
        double rss;
        double loadSeconds;
        var brokerUrl = $"http://127.0.0.1:{BrokerPort}";
        var plainUrl = $"http://127.0.0.1:{PlaintextPort}";
        try
        {
            using (var plaintext = new ChildProcess("dotnet", typeof(BrokerBenchmark).Assembly.Location, "plaintext", PlaintextPort.ToString(CultureInfo.InvariantCulture)))
            {
                await ChildProcess.WaitReadyAsync(plainUrl + "/plaintext", TimeSpan.FromSeconds(30));
                Console.WriteLine("baseline: plaintext");
                results.Add(await Wrk.RunAsync("plaintext", plainUrl, options));
            }
            using var broker = new ChildProcess("dotnet", stadtkern, "serve", "--urls", brokerUrl, "--data", data.FullName);
            await ChildProcess.WaitReadyAsync(brokerUrl + "/health/ready", TimeSpan.FromSeconds(60));
            Console.WriteLine($"loading {options.Entities} entities");
            var clock = Stopwatch.StartNew();
            await EntityLoader.LoadAsync(brokerUrl, options.Entities);
            loadSeconds = clock.Elapsed.TotalSeconds;
            foreach (var scenario in new[] { "get", "query", "near", "update", "create" })
            {
                Console.WriteLine($"scenario: {scenario}");
                results.Add(await Wrk.RunAsync(scenario, brokerUrl, options));
            }
            // Latency objectives are measured below saturation: two clients, so the figure is the service time, not queueing.
            foreach (var scenario in new[] { "query", "near" })
            {
                Console.WriteLine($"latency: {scenario}");
                results.Add(await Wrk.RunAsync(scenario, brokerUrl, options, connections: 2, label: scenario + " (2 clients)"));
            }
            rss = broker.ResidentMiB();
            if (options.RssEntities > options.Entities)
            {
                Console.WriteLine($"loading up to {options.RssEntities} entities for the memory figure");
                await EntityLoader.LoadAsync(brokerUrl, options.RssEntities - options.Entities, options.Entities + 1);
                rss = broker.ResidentMiB();
            }
        }
        finally
        {
            try { data.Delete(recursive: true); } catch (IOException) { }
        }
        var report = Report(results, options, rss, loadSeconds);
        Console.WriteLine(report);
        Directory.CreateDirectory(options.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "foundation.json"), JsonSerializer.Serialize(new
        {
            date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            commit = Commit(options.RepositoryRoot),
            options.Entities,
            options.DurationSeconds,
            options.Connections,
            loadSeconds,
            residentMiB = rss,
            residentAtEntities = Math.Max(options.RssEntities, options.Entities),
            results,
        }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static string Report(List<WrkResult> results, BenchOptions options, double rss, double loadSeconds)
    {
        var baseline = results.First(r => r.Scenario == "plaintext").Rps;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| scenario ({options.Entities:N0} entities, {options.Connections} connections) | req/s | ratio to plaintext | p50 ms | p95 ms | p99 ms | non-2xx |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Rps:N0} | {r.Rps / baseline:F3} | {r.P50 / 1000.0:F2} | {r.P95 / 1000.0:F2} | {r.P99 / 1000.0:F2} | {r.Non2xx + r.Errors} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Load: {options.Entities:N0} entities in {loadSeconds:F1} s ({options.Entities / loadSeconds:N0}/s via batch upsert). Resident memory: {rss:F0} MiB at {Math.Max(options.RssEntities, options.Entities):N0} entities.");
        return sb.ToString();
    }

    /// <summary>The short commit id, with "+uncommitted" when the working tree has changes (the figures are then of a tree no commit holds).</summary>
    internal static string Commit(string root)
    {
        try
        {
            var head = Git(root, "rev-parse --short HEAD").Trim();
            return Git(root, "status --porcelain").Trim().Length > 0 ? head + "+uncommitted" : head;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string Git(string root, string arguments)
    {
        var info = new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true };
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
