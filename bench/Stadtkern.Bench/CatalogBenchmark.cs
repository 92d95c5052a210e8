using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Ledger;

namespace Stadtkern.Bench;

/// <summary>
/// The publication benchmark of issue 7: a dataset of <see cref="BenchOptions.CatalogRows"/> rows (default 1,000,000)
/// uploaded, then one run — extract, anonymise (HMAC pseudonyms, 1 km grid, k = 5), write CSV and Parquet (the
/// formats the issue names), checksums, ledger — timed end to end through the API, against baselines of the same run: storing the same
/// bytes as the source upload, and SHA-256 plus a file write of them in-process. Then inclusion proofs verified.
/// </summary>
internal static class CatalogBenchmark
{
    private const string Dataset = "bench-trips";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (!File.Exists(options.BrokerPath)) throw new FileNotFoundException("Build first: dotnet build -c Release", options.BrokerPath);
        var data = Directory.CreateTempSubdirectory("stadtkern-bench-catalog-");
        var brokerUrl = $"http://127.0.0.1:{BrokerBenchmark.BrokerPort}";
        try
        {
            var csv = Trips(options.CatalogRows, seed: 91357);
            Console.WriteLine($"source: {options.CatalogRows:N0} rows, {csv.Length / 1048576.0:N1} MiB of CSV");
            var raw = Stopwatch.StartNew();
            var rawFile = Path.Combine(data.FullName, "raw.csv");
            await File.WriteAllBytesAsync(rawFile, csv);
            var rawHash = SHA256.HashData(csv);
            raw.Stop();

            using var broker = new ChildProcess("dotnet", options.BrokerPath, "serve", "--urls", brokerUrl, "--data", Path.Combine(data.FullName, "broker"), "--mqtt-port", "0");
            await ChildProcess.WaitReadyAsync(brokerUrl + "/health/ready", TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = new Uri(brokerUrl), Timeout = TimeSpan.FromMinutes(10) };
            await SendAsync(http, HttpMethod.Post, "/stadtkern/v1/datasets", new StringContent(Definition(), Encoding.UTF8, "application/json"), 201);

            var upload = Stopwatch.StartNew();
            var body = new ByteArrayContent(csv);
            body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            await SendAsync(http, HttpMethod.Put, $"/stadtkern/v1/datasets/{Dataset}/source", body, 204);
            upload.Stop();

            var publish = Stopwatch.StartNew();
            var release = JsonNode.Parse(await SendAsync(http, HttpMethod.Post, $"/stadtkern/v1/datasets/{Dataset}/releases", null, 201))!;
            publish.Stop();
            var privacy = release["privacyReport"]!;
            Console.WriteLine($"release: {release["status"]}, {release["rows"]} rows out, k reached {privacy["kReached"]}, {privacy["rowsSuppressed"]} rows suppressed");

            var (proofMicroseconds, treeSize) = await VerifyProofsAsync(http, release["ledgerIndex"]!.GetValue<long>());
            var figures = new
            {
                rows = options.CatalogRows,
                sourceMiB = csv.Length / 1048576.0,
                publishSeconds = publish.Elapsed.TotalSeconds,
                stagesMilliseconds = release["run"],
                files = release["distributions"]!.AsArray().Select(d => new { format = d!["format"]!.GetValue<string>(), bytes = d["bytes"]!.GetValue<long>() }),
                baselineUploadSeconds = upload.Elapsed.TotalSeconds,
                baselineHashAndWriteSeconds = raw.Elapsed.TotalSeconds,
                publishPerUpload = publish.Elapsed.TotalSeconds / upload.Elapsed.TotalSeconds,
                publishPerHashAndWrite = publish.Elapsed.TotalSeconds / raw.Elapsed.TotalSeconds,
                inclusionProofVerifyMicroseconds = proofMicroseconds,
                ledgerSize = treeSize,
                rowsOut = release["rows"]!.GetValue<long>(),
                kReached = privacy["kReached"]?.GetValue<int>(),
                rawSha256 = Convert.ToHexStringLower(rawHash),
            };
            Console.WriteLine($"""

                | publication of {options.CatalogRows:N0} rows (HMAC pseudonyms, 1 km grid, k = 5; CSV and Parquet; ledger) | seconds |
                |---|---:|
                | publish run, end to end through the API | {figures.publishSeconds:N2} |
                | baseline: upload of the same source (store + parse check) | {figures.baselineUploadSeconds:N2} (run = {figures.publishPerUpload:N1}×) |
                | baseline: SHA-256 + file write of the source bytes | {figures.baselineHashAndWriteSeconds:N2} (run = {figures.publishPerHashAndWrite:N0}×) |
                | stages (ms) | {figures.stagesMilliseconds?.ToJsonString()} |
                | inclusion proof verification (tree of {treeSize}) | {proofMicroseconds:N1} µs |
                """);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "publication.json"), JsonSerializer.Serialize(new
            {
                date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                commit = BrokerBenchmark.Commit(options.RepositoryRoot),
                figures,
            }, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>Fetches the checkpoint and the release's inclusion proof once, then verifies it many times: the verifier's cost alone.</summary>
    private static async Task<(double Microseconds, long Size)> VerifyProofsAsync(HttpClient http, long index)
    {
        var entry = JsonNode.Parse(await SendAsync(http, HttpMethod.Get, $"/stadtkern/v1/ledger/entries/{index}", null, 200))!;
        var described = JsonNode.Parse(await SendAsync(http, HttpMethod.Get, "/stadtkern/v1/ledger", null, 200))!;
        var size = described["size"]!.GetValue<long>();
        var root = Convert.FromBase64String(described["rootHash"]!.GetValue<string>());
        var proof = JsonNode.Parse(await SendAsync(http, HttpMethod.Get, $"/stadtkern/v1/ledger/proofs/inclusion?index={index}&size={size}", null, 200))!;
        List<byte[]> path = [.. proof["proof"]!.AsArray().Select(p => Convert.FromBase64String(p!.GetValue<string>()))];
        var leaf = MerkleHash.Leaf(Convert.FromBase64String(entry["body"]!.GetValue<string>()));
        if (!MerkleProof.VerifyInclusion(leaf, index, size, path, root)) throw new InvalidOperationException("The release's inclusion proof does not verify.");
        const int rounds = 10_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++) MerkleProof.VerifyInclusion(MerkleHash.Leaf(Convert.FromBase64String(entry["body"]!.GetValue<string>())), index, size, path, root);
        return (watch.Elapsed.TotalMicroseconds / rounds, size);
    }

    private static string Definition() => """
        {"id": "DATASET", "source": {"kind": "upload"}, "licence": "dl-by-de/2.0", "formats": ["csv", "parquet"],
         "profile": {"id": "trips", "rules": [
            {"rule": "pseudonymise", "columns": ["card"]},
            {"rule": "coarsenLocation", "column": "location", "grid": "1km"},
            {"rule": "kAnonymity", "k": 5, "quasiIdentifiers": ["age", "location"], "maxSuppression": 0.05}]},
         "metadata": {"title": {"de": "Fahrten (Benchmark)"}, "description": {"de": "Synthetische Fahrten"}, "publisher": {"name": "Benchmark"}}}
        """.Replace("DATASET", Dataset, StringComparison.Ordinal);

    /// <summary>Deterministic trips: 100,000 cards, ages 18–90, points within about 10 km of Darmstadt, fares, times.</summary>
    private static byte[] Trips(int rows, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var text = new StringBuilder(rows * 80);
        text.Append("card,age,lon,lat,fare,observedAt\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"card-{random.Next(100_000):D6},{18 + random.Next(73)},{8.58 + random.NextDouble() * 0.14:F5},{49.82 + random.NextDouble() * 0.1:F5},");
            text.Append(CultureInfo.InvariantCulture, $"{1.5 + random.Next(60) * 0.1:F1},{start.AddSeconds(random.Next(30 * 86400)):yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<string> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content, int expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != expected)
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}, expected {expected}: {text[..Math.Min(text.Length, 2000)]}");
        return text;
    }
}
