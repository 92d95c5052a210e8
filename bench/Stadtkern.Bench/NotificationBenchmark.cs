using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Stadtkern.Bench;

/// <summary>
/// Notification latency (issue 5): updates at a fixed rate (open loop) to entities that several subscriptions watch;
/// latency runs from each update's due time to the arrival of its notification at a local HTTP receiver, so it holds
/// the update's own commit as well. The baseline in the same run posts the same notifications straight to the same
/// receiver at the same rate: what the HTTP transport alone costs on this machine.
/// </summary>
internal static class NotificationBenchmark
{
    private const string Type = "BenchMeter";
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);
    private const int WarmUpSeconds = 5;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (!File.Exists(options.BrokerPath)) throw new FileNotFoundException("Build first: dotnet build -c Release", options.BrokerPath);
        var rate = options.NotifyRate;
        var subscriptions = options.NotifySubscriptions;
        var updates = rate * options.DurationSeconds;
        var concurrency = options.NotifyConcurrency;
        await using var receiver = await NotificationReceiver.StartAsync(subscriptions, updates);
        var receiverUrl = $"http://127.0.0.1:{receiver.Port}";
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        Console.WriteLine($"baseline: {updates * subscriptions:N0} notifications posted straight to the receiver, {rate * subscriptions:N0}/s");
        var direct = new OpenLoop(updates * subscriptions, rate * subscriptions, concurrency);
        await direct.RunAsync(async j =>
        {
            var (k, s) = (j / subscriptions, j % subscriptions);
            using var content = new StringContent(Notification(s, k), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync($"{receiverUrl}/notify/{s}", content);
            return response.IsSuccessStatusCode;
        });
        var baseline = Summary(Latencies(updates, subscriptions, (k, s) => receiver.Arrival(s, k), (k, s, at) => direct.MillisecondsSinceDue(k * subscriptions + s, at), out var baselineMissing));
        Console.WriteLine($"  p50 {baseline.P50:F2} ms, p99 {baseline.P99:F2} ms, missing {baselineMissing}");
        receiver.Reset();

        var data = Directory.CreateTempSubdirectory("stadtkern-bench-");
        var brokerUrl = $"http://127.0.0.1:{BrokerBenchmark.BrokerPort}";
        try
        {
            using var broker = new ChildProcess("dotnet", options.BrokerPath, "serve", "--urls", brokerUrl, "--data", data.FullName, "--mqtt-port", "0");
            await ChildProcess.WaitReadyAsync(brokerUrl + "/health/ready", TimeSpan.FromSeconds(60));
            var entities = options.NotifyEntities;
            await SendAsync(http, HttpMethod.Post, $"{brokerUrl}/ngsi-ld/v1/entityOperations/create",
                "[" + string.Join(",", Enumerable.Range(0, entities).Select(e => $$$"""{"id":"{{{Id(e)}}}","type":"{{{Type}}}","reading":{"type":"Property","value":-1}}""")) + "]");
            for (var s = 0; s < subscriptions; s++)
                await SendAsync(http, HttpMethod.Post, $"{brokerUrl}/ngsi-ld/v1/subscriptions", $$$$"""
                    {"id":"urn:ngsi-ld:Subscription:bench-{{{{s}}}}","type":"Subscription","entities":[{"type":"{{{{Type}}}}"}],"watchedAttributes":["reading"],
                     "notification":{"format":"keyValues","attributes":["reading"],"endpoint":{"uri":"{{{{receiverUrl}}}}/notify/{{{{s}}}}","accept":"application/json"}}}
                    """);

            // Long enough for the runtime to finish compiling the hot paths (tiered compilation), which otherwise runs in the measurement.
            var warmUp = rate * WarmUpSeconds;
            Console.WriteLine($"warm-up: {warmUp:N0} updates in {WarmUpSeconds} s");
            await new OpenLoop(warmUp, rate, concurrency).RunAsync(k => UpdateAsync(http, brokerUrl, k % entities, updates + k));
            await Task.Delay(TimeSpan.FromSeconds(2));

            Console.WriteLine($"measuring: {updates:N0} updates at {rate:N0}/s to {entities:N0} entities, {subscriptions} subscriptions ({updates * subscriptions:N0} notifications)");
            var load = new OpenLoop(updates, rate, concurrency);
            await load.RunAsync(k => UpdateAsync(http, brokerUrl, k % entities, k));
            var deadline = Stopwatch.GetTimestamp() + (long)(Drain.TotalSeconds * Stopwatch.Frequency);
            while (receiver.Received < (long)updates * subscriptions && Stopwatch.GetTimestamp() < deadline) await Task.Delay(100);
            var notified = Summary(Latencies(updates, subscriptions, (k, s) => receiver.Arrival(s, k), (k, _, at) => load.MillisecondsSinceDue(k, at), out var missing));
            var answered = Enumerable.Range(0, updates).Where(k => load.Completed(k) > 0).Select(k => load.MillisecondsSinceDue(k, load.Completed(k))).ToList();
            var update = Summary(answered);
            var rss = broker.ResidentMiB();
            // Answered updates per second, from the first due time to the last answer: below the rate when the broker fell behind.
            var lastAnswer = Enumerable.Range(0, updates).Max(load.Completed);
            var actualRate = (double)updates * Stopwatch.Frequency / Math.Max(1, lastAnswer - load.Start);

            var report = new StringBuilder();
            report.AppendLine("| measurement | p50 ms | p95 ms | p99 ms | max ms |");
            report.AppendLine("|---|---:|---:|---:|---:|");
            report.AppendLine(Row("update → notification at the receiver", notified));
            report.AppendLine(Row("update answered (204)", update));
            report.AppendLine(Row("baseline: direct POST to the receiver", baseline));
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{updates:N0} updates at {actualRate:N0}/s, {subscriptions} subscriptions: {receiver.Received:N0} of {(long)updates * subscriptions:N0} notifications arrived, {missing} missing, {load.Failures} updates failed; p99 ratio to baseline {notified.P99 / baseline.P99:F1}x.");
            Console.WriteLine(report);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "notifications.json"), JsonSerializer.Serialize(new
            {
                date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                commit = BrokerBenchmark.Commit(options.RepositoryRoot),
                rate,
                actualRate,
                subscriptions,
                entities,
                options.DurationSeconds,
                concurrency,
                updates,
                notificationsExpected = (long)updates * subscriptions,
                notificationsReceived = receiver.Received,
                notificationsMissing = missing,
                updatesFailed = load.Failures,
                notificationLatencyMs = notified,
                updateLatencyMs = update,
                baselineDirectPostMs = baseline,
                p99RatioToBaseline = notified.P99 / baseline.P99,
                residentMiB = rss,
            }, new JsonSerializerOptions { WriteIndented = true }));
            if (missing > 0 || load.Failures > 0) throw new InvalidOperationException($"{missing} notifications never arrived and {load.Failures} updates failed.");
        }
        finally
        {
            try { data.Delete(recursive: true); } catch (IOException) { }
        }
        return 0;
    }

    internal sealed record Percentiles(double P50, double P95, double P99, double Max, int Count);

    private static string Id(int entity) => $"urn:ngsi-ld:{Type}:{entity:D5}";

    private static string Notification(int subscription, int update) =>
        $$$"""{"id":"urn:ngsi-ld:Notification:{{{subscription}}}-{{{update}}}","type":"Notification","subscriptionId":"urn:ngsi-ld:Subscription:bench-{{{subscription}}}","notifiedAt":"2026-01-01T00:00:00Z","data":[{"id":"{{{Id(update % 100)}}}","type":"{{{Type}}}","reading":{{{update}}}}]}""";

    private static async Task<bool> UpdateAsync(HttpClient http, string brokerUrl, int entity, int value)
    {
        using var content = new StringContent($$"""{"value":{{value}}}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PatchAsync($"{brokerUrl}/ngsi-ld/v1/entities/{Uri.EscapeDataString(Id(entity))}/attrs/reading", content);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Counted as a failed update; the run reports it and fails at the end.
            return false;
        }
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string url, string body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The latency of every notification that arrived, from its update's due time; <paramref name="missing"/> counts those that did not.</summary>
    private static List<double> Latencies(int updates, int subscriptions, Func<int, int, long> arrival, Func<int, int, long, double> sinceDue, out long missing)
    {
        var result = new List<double>(updates * subscriptions);
        missing = 0;
        for (var k = 0; k < updates; k++)
            for (var s = 0; s < subscriptions; s++)
            {
                var at = arrival(k, s);
                if (at < 0) missing++;
                else result.Add(sinceDue(k, s, at));
            }
        return result;
    }

    private static Percentiles Summary(List<double> values)
    {
        if (values.Count == 0) return new Percentiles(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        values.Sort();
        double At(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
        return new Percentiles(At(0.50), At(0.95), At(0.99), values[^1], values.Count);
    }

    private static string Row(string name, Percentiles p) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {p.P50:F2} | {p.P95:F2} | {p.P99:F2} | {p.Max:F2} |");
}
