using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Stadtkern.Load.Baselines;

namespace Stadtkern.Bench;

/// <summary>
/// The temporal benchmarks of issue 4, against the plaintext baseline of the same run: an hourly aggregation over a
/// 100,000-instance history, lastN=1 over a page of 1,000 entities, and sustained ingestion through batch upsert
/// against raw SQLite inserts of the same rows.
/// </summary>
internal static class TemporalBenchmark
{
    private const string AggregateId = "urn:ngsi-ld:WeatherStation:bench-aggregate";
    private const string LastNType = "TemporalSensor";
    private const int AttributesPerEntity = 5;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (!File.Exists(options.BrokerPath)) throw new FileNotFoundException("Build first: dotnet build -c Release", options.BrokerPath);
        var data = Directory.CreateTempSubdirectory("stadtkern-bench-");
        var brokerUrl = $"http://127.0.0.1:{BrokerBenchmark.BrokerPort}";
        var plainUrl = $"http://127.0.0.1:{BrokerBenchmark.PlaintextPort}";
        var results = new List<WrkResult>();
        var step = TimeSpan.FromSeconds(36);
        double aggregateLoadSeconds, lastNLoadSeconds, rss;
        int aggregateBuckets, lastNEntities;
        long instancesBefore, instancesAfter;
        WrkResult ingest;
        try
        {
            using (var plaintext = new ChildProcess("dotnet", typeof(TemporalBenchmark).Assembly.Location, "plaintext", BrokerBenchmark.PlaintextPort.ToString(CultureInfo.InvariantCulture)))
            {
                await ChildProcess.WaitReadyAsync(plainUrl + "/plaintext", TimeSpan.FromSeconds(30));
                Console.WriteLine("baseline: plaintext");
                results.Add(await Wrk.RunAsync("plaintext", plainUrl, options));
            }
            using var broker = new ChildProcess("dotnet", options.BrokerPath, "serve", "--urls", brokerUrl, "--data", data.FullName);
            await ChildProcess.WaitReadyAsync(brokerUrl + "/health/ready", TimeSpan.FromSeconds(60));
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };

            Console.WriteLine($"loading {options.AggregateInstances:N0} instances of one attribute through POST /temporal/entities");
            var clock = Stopwatch.StartNew();
            await TemporalLoader.LoadHistoryAsync(brokerUrl, AggregateId, "WeatherStation", options.AggregateInstances, step);
            aggregateLoadSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  {aggregateLoadSeconds:F1} s");
            var aggregatePath = $"/ngsi-ld/v1/temporal/entities/{AggregateId}?options=aggregatedValues&aggrMethods=avg,max&aggrPeriodDuration=PT1H";
            aggregateBuckets = await ProbeAsync(http, brokerUrl + aggregatePath, json => Buckets(json, "avg"));
            var expectedBuckets = (int)Math.Ceiling(options.AggregateInstances * step.TotalSeconds / 3600);
            if (aggregateBuckets != expectedBuckets)
                throw new InvalidOperationException($"temporal-aggregate: {aggregateBuckets} hourly averages, expected {expectedBuckets}.");
            Console.WriteLine("latency: temporal-aggregate");
            results.Add(await Wrk.RunAsync("temporal-aggregate", brokerUrl, options, connections: 2, label: "temporal-aggregate (2 clients)",
                environment: new Dictionary<string, string> { ["BENCH_ID"] = AggregateId }));

            Console.WriteLine($"loading {options.LastNEntities:N0} {LastNType} entities of 10 instances each");
            clock.Restart();
            await TemporalLoader.LoadManyAsync(brokerUrl, LastNType, options.LastNEntities, instancesEach: 10);
            lastNLoadSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  {lastNLoadSeconds:F1} s");
            var before = TemporalLoader.Instant(TemporalLoader.Epoch - TimeSpan.FromDays(1));
            var lastNEnvironment = new Dictionary<string, string>
            {
                ["BENCH_TYPE"] = LastNType,
                ["BENCH_LIMIT"] = options.LastNEntities.ToString(CultureInfo.InvariantCulture),
                ["BENCH_TIME_AT"] = before,
            };
            lastNEntities = await ProbeAsync(http, $"{brokerUrl}/ngsi-ld/v1/temporal/entities?type={LastNType}&lastN=1&limit={options.LastNEntities}&timerel=after&timeAt={before}",
                json => json.RootElement.GetArrayLength());
            if (lastNEntities != options.LastNEntities)
                throw new InvalidOperationException($"temporal-lastn: the first answer holds {lastNEntities} entities, expected {options.LastNEntities}.");
            Console.WriteLine("latency: temporal-lastn");
            results.Add(await Wrk.RunAsync("temporal-lastn", brokerUrl, options, connections: 2, label: "temporal-lastn (2 clients)", environment: lastNEnvironment));

            Console.WriteLine($"ingestion: {options.IngestEntities:N0} IngestSensor entities, {options.IngestBatch} x {AttributesPerEntity} attributes per batch upsert");
            await TemporalLoader.LoadIngestTargetsAsync(brokerUrl, options.IngestEntities);
            instancesBefore = HistoryTable.CountInstances(data.FullName);
            ingest = await Wrk.RunAsync("ingest-batch", brokerUrl, options, connections: options.IngestConnections,
                label: $"ingest-batch ({options.IngestConnections} connections)", environment: new Dictionary<string, string>
                {
                    ["BENCH_INGEST_ENTITIES"] = options.IngestEntities.ToString(CultureInfo.InvariantCulture),
                    ["BENCH_BATCH"] = options.IngestBatch.ToString(CultureInfo.InvariantCulture),
                    // Ingested instants start a year after the loaded histories.
                    ["BENCH_EPOCH"] = (TemporalLoader.Epoch.ToUnixTimeSeconds() + 365L * 86400).ToString(CultureInfo.InvariantCulture),
                });
            results.Add(ingest);
            // Requests still in flight when wrk stopped finish on the server; let them land before counting.
            await Task.Delay(TimeSpan.FromSeconds(2));
            instancesAfter = HistoryTable.CountInstances(data.FullName);
            rss = broker.ResidentMiB();
        }
        finally
        {
            try { data.Delete(recursive: true); } catch (IOException) { }
        }

        var perRequest = options.IngestBatch * AttributesPerEntity;
        var added = instancesAfter - instancesBefore;
        var answered = ingest.Requests * perRequest;
        var inFlight = (long)options.IngestConnections * perRequest;
        if (ingest.Non2xx + ingest.Errors > 0 || added < answered || added > answered + inFlight)
            throw new InvalidOperationException($"ingest-batch: {ingest.Requests} answered requests ({answered} instances, {ingest.Non2xx} non-2xx, {ingest.Errors} errors) but {added} history rows were added.");
        Console.WriteLine($"raw SQLite baseline: {added:N0} rows in transactions of {perRequest}");
        var rawSeconds = RawSqliteBaseline.Run(added, perRequest, options.IngestEntities * AttributesPerEntity);

        var ingestion = new
        {
            instancesPerRequest = perRequest,
            connections = options.IngestConnections,
            requests = ingest.Requests,
            seconds = ingest.Seconds,
            instancesAnswered = answered,
            historyRowsAdded = added,
            instancesPerSecond = answered / ingest.Seconds,
            rawRows = added,
            rawSeconds,
            rawRowsPerSecond = added / rawSeconds,
            ratioToRaw = answered / ingest.Seconds / (added / rawSeconds),
        };
        var loading = new
        {
            aggregateInstances = options.AggregateInstances,
            aggregateSeconds = aggregateLoadSeconds,
            aggregateInstancesPerSecond = options.AggregateInstances / aggregateLoadSeconds,
            aggregateRequests = (options.AggregateInstances + 999) / 1000,
            lastNEntities = options.LastNEntities,
            lastNInstancesEach = 10,
            lastNSeconds = lastNLoadSeconds,
        };
        Console.WriteLine(Report(results, ingestion.instancesPerSecond, ingestion.rawRowsPerSecond, aggregateLoadSeconds, lastNLoadSeconds, options));
        Directory.CreateDirectory(options.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "temporal.json"), JsonSerializer.Serialize(new
        {
            date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            commit = BrokerBenchmark.Commit(options.RepositoryRoot),
            options.DurationSeconds,
            plaintextConnections = options.Connections,
            checks = new { aggregateBuckets, lastNEntities },
            loading,
            ingestion,
            residentMiB = rss,
            results,
        }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>One request before the measurement: it must answer 200, and the check reads its body.</summary>
    private static async Task<int> ProbeAsync(HttpClient http, string url, Func<JsonDocument, int> check)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 200)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}, expected 200: {body[..Math.Min(body.Length, 2000)]}");
        using var json = JsonDocument.Parse(body);
        var result = check(json);
        Console.WriteLine($"  probe: 200, {body.Length:N0} characters, {result:N0}");
        return result;
    }

    /// <summary>How many periods the first attribute's aggregate <paramref name="method"/> has.</summary>
    private static int Buckets(JsonDocument json, string method)
    {
        foreach (var member in json.RootElement.EnumerateObject())
            if (member.Value.ValueKind == JsonValueKind.Object && member.Value.TryGetProperty(method, out var values) && values.ValueKind == JsonValueKind.Array)
                return values.GetArrayLength();
        throw new InvalidOperationException($"The aggregated answer has no '{method}': {json.RootElement.GetRawText()[..Math.Min(json.RootElement.GetRawText().Length, 2000)]}");
    }

    private static string Report(List<WrkResult> results, double ingestRate, double rawRate, double aggregateLoad, double lastNLoad, BenchOptions options)
    {
        var baseline = results.First(r => r.Scenario == "plaintext").Rps;
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | req/s | ratio to plaintext | p50 ms | p95 ms | p99 ms | non-2xx |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Rps:N0} | {r.Rps / baseline:F3} | {r.P50 / 1000.0:F2} | {r.P95 / 1000.0:F2} | {r.P99 / 1000.0:F2} | {r.Non2xx + r.Errors} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Ingestion: {ingestRate:N0} attribute instances/s through batch upsert; raw SQLite {rawRate:N0} rows/s; ratio {ingestRate / rawRate:F3}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Loading: {options.AggregateInstances:N0} instances in {aggregateLoad:F1} s ({options.AggregateInstances / aggregateLoad:N0}/s via POST /temporal/entities); {options.LastNEntities:N0} entities x 10 instances in {lastNLoad:F1} s.");
        return sb.ToString();
    }
}
