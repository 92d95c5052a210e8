namespace Stadtkern.Load.Baselines;

/// <summary>A baseline figure measured in the same run on the same machine, and the profile's figure as a ratio to it.</summary>
public sealed record Baseline(string Name, double Value, string Unit, double Ratio, string Explanation);

/// <summary>
/// Measures the baselines of a local target: bare Kestrel answering plaintext at the same concurrency (closed loop), and,
/// for profiles that write, the raw SQLite insert rate in transactions of the profile's write size.
/// </summary>
public sealed class BaselineRun(LoadDriver driver)
{
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<Baseline>> MeasureAsync(LoadSummary measured, int writesPerRequest, LoadShape shape, Action<string> log, CancellationToken cancellation)
    {
        var baselines = new List<Baseline>();
        var duration = shape.Duration < Longest ? shape.Duration : Longest;
        log($"baseline: Kestrel plaintext, {shape.Concurrency} connections, closed loop, {duration.TotalSeconds:0.#} s");
        await using (var app = await PlaintextEndpoint.StartAsync("http://127.0.0.1:0", cancellation))
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = shape.Concurrency });
            var url = new Uri(app.Urls.First().TrimEnd('/') + "/plaintext");
            async Task<RequestOutcome> Get(long _, CancellationToken token)
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, token);
                return RequestOutcome.Answered("plaintext", (int)response.StatusCode);
            }
            var closed = shape with { Rate = null, Requests = null, Duration = duration };
            await driver.RunAsync(closed with { Duration = TimeSpan.FromSeconds(1) }, Get, "plaintext", null, cancellation);
            var plaintext = LoadSummary.Of(await driver.RunAsync(closed, Get, "plaintext", null, cancellation), closed);
            baselines.Add(new Baseline("Kestrel plaintext", plaintext.Throughput, "requests/s", Ratio(measured.Throughput, plaintext.Throughput),
                measured.OfferedRate is null
                    ? "the profile's requests/s over bare Kestrel's at the same concurrency"
                    : "the profile's requests/s over bare Kestrel's at the same concurrency (the profile's rate was capped by --rate, so this is not its maximum)"));
        }
        if (writesPerRequest > 0)
        {
            log($"baseline: raw SQLite inserts, transactions of {writesPerRequest} rows, synchronous=FULL");
            var rows = RawSqliteBaseline.RowsPerSecond(writesPerRequest, TimeSpan.FromSeconds(2));
            baselines.Add(new Baseline("raw SQLite inserts", rows, "rows/s", Ratio(measured.Throughput * writesPerRequest, rows),
                "entities written per second over rows inserted per second in the most compact durable form (one writer, one fsync'd transaction per request's entities; above 1 when the target folds concurrent writes into shared commits)"));
        }
        return baselines;
    }

    private static double Ratio(double value, double baseline) => baseline <= 0 ? 0 : value / baseline;
}
