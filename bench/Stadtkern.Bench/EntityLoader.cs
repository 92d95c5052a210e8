using System.Globalization;
using System.Text;

namespace Stadtkern.Bench;

/// <summary>Loads WasteContainer entities (Smart Data Models shape) deterministically from a seed, through batch upsert.</summary>
internal static class EntityLoader
{
    private static readonly string[] WasteTypes = ["glass", "paper", "organic", "plastic", "residual"];

    public static async Task LoadAsync(string baseUrl, int count, int firstIndex = 1, int seed = 91357)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var random = new Random(seed + firstIndex);
        const int batch = 1000;
        var pending = new List<Task>();
        for (var start = firstIndex; start < firstIndex + count; start += batch)
        {
            var body = new StringBuilder("[");
            for (var i = start; i < Math.Min(start + batch, firstIndex + count); i++)
            {
                if (i > start) body.Append(',');
                var lon = 8.60 + random.NextDouble() * 0.10;
                var lat = 49.84 + random.NextDouble() * 0.06;
                body.Append(CultureInfo.InvariantCulture, $$$"""
                    {"id":"urn:ngsi-ld:WasteContainer:bench-{{{i}}}","type":"WasteContainer",
                    "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[{{{lon:F6}}},{{{lat:F6}}}]}},
                    "fillingLevel":{"type":"Property","value":{{{random.NextDouble():F3}}},"unitCode":"C62","observedAt":"2026-11-28T08:00:00Z"},
                    "temperature":{"type":"Property","value":{{{(random.NextDouble() * 30 - 5):F1}}},"unitCode":"CEL"},
                    "wasteType":{"type":"Property","value":"{{{WasteTypes[i % WasteTypes.Length]}}}"},
                    "status":{"type":"Property","value":"ok"},
                    "refWasteContainerIsle":{"type":"Relationship","object":"urn:ngsi-ld:WasteContainerIsle:isle-{{{i / 4}}}"}}
                    """);
            }
            body.Append(']');
            pending.Add(Post(http, baseUrl, body.ToString()));
            if (pending.Count >= 2)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }
        await Task.WhenAll(pending);
    }

    private static async Task Post(HttpClient http, string baseUrl, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"{baseUrl}/ngsi-ld/v1/entityOperations/upsert", content);
        if ((int)response.StatusCode is not (201 or 204))
            throw new InvalidOperationException($"Loading failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
