using System.Globalization;
using System.Net;
using System.Text;

namespace Stadtkern.Bench;

/// <summary>Loads the data of the temporal benchmarks: histories through POST /temporal/entities, ingestion targets through batch upsert.</summary>
internal static class TemporalLoader
{
    /// <summary>The first instant of every loaded history: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// One entity with <paramref name="instances"/> instances of <c>temperature</c>, one every <paramref name="step"/>, sent in
    /// chunks: the first request creates the temporal representation (201), the later ones add to it (204).
    /// </summary>
    public static async Task LoadHistoryAsync(string baseUrl, string id, string type, int instances, TimeSpan step, int chunk = 1000)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var random = new Random(4711);
        for (var start = 0; start < instances; start += chunk)
        {
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $$"""{"id":"{{id}}","type":"{{type}}","temperature":[""");
            for (var i = start; i < Math.Min(start + chunk, instances); i++)
            {
                if (i > start) body.Append(',');
                // A daily cycle with noise, so that the hourly averages and maxima differ.
                var value = 12 + 8 * Math.Sin(i * step.TotalSeconds / 86400 * 2 * Math.PI) + random.NextDouble();
                body.Append(CultureInfo.InvariantCulture, $$"""{"type":"Property","value":{{value:F2}},"unitCode":"CEL","observedAt":"{{Instant(Epoch + i * step)}}"}""");
            }
            body.Append("]}");
            await PostAsync(http, $"{baseUrl}/ngsi-ld/v1/temporal/entities", body.ToString(), start == 0 ? HttpStatusCode.Created : HttpStatusCode.NoContent);
        }
    }

    /// <summary><paramref name="count"/> entities of <paramref name="type"/>, each created with <paramref name="instancesEach"/> instances of <c>temperature</c> (a few requests in flight).</summary>
    public static async Task LoadManyAsync(string baseUrl, string type, int count, int instancesEach, int parallel = 4)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        await Parallel.ForEachAsync(Enumerable.Range(1, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (n, cancellation) =>
        {
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $$"""{"id":"urn:ngsi-ld:{{type}}:bench-{{n}}","type":"{{type}}","temperature":[""");
            for (var i = 0; i < instancesEach; i++)
            {
                if (i > 0) body.Append(',');
                body.Append(CultureInfo.InvariantCulture, $$"""{"type":"Property","value":{{(n + i) % 30}},"observedAt":"{{Instant(Epoch + TimeSpan.FromMinutes(10 * i))}}"}""");
            }
            body.Append("]}");
            await PostAsync(http, $"{baseUrl}/ngsi-ld/v1/temporal/entities", body.ToString(), HttpStatusCode.Created);
        });
    }

    /// <summary>The ingestion targets: IngestSensor entities bench-1..bench-N with the five attributes ingest-batch.lua updates, created through batch upsert.</summary>
    public static async Task LoadIngestTargetsAsync(string baseUrl, int count)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        const int batch = 500;
        for (var start = 1; start <= count; start += batch)
        {
            var body = new StringBuilder("[");
            for (var i = start; i < Math.Min(start + batch, count + 1); i++)
            {
                if (i > start) body.Append(',');
                body.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"urn:ngsi-ld:IngestSensor:bench-{i}\",\"type\":\"IngestSensor\"");
                foreach (var name in new[] { "temperature", "humidity", "pressure", "noise", "pm10" })
                    body.Append(CultureInfo.InvariantCulture, $$""","{{name}}":{"type":"Property","value":0,"observedAt":"{{Instant(Epoch)}}"}""");
                body.Append('}');
            }
            body.Append(']');
            await PostAsync(http, $"{baseUrl}/ngsi-ld/v1/entityOperations/upsert", body.ToString(), HttpStatusCode.Created);
        }
    }

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task PostAsync(HttpClient http, string url, string body, HttpStatusCode expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content);
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"Loading failed: POST {url} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
    }
}
