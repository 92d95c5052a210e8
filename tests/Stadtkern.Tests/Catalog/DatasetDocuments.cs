using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Catalog;

/// <summary>Dataset definitions for the tests, and the calls that define, feed and publish them.</summary>
internal static class DatasetDocuments
{
    public const string Datasets = "stadtkern/v1/datasets";

    public static JsonObject Metadata(string title = "Parkplätze") => TestData.Parse($$"""
        {
          "title": {"de": "{{title}}", "en": "Parking spots"},
          "description": {"de": "Belegung der Parkplätze", "en": "Occupancy of parking spots"},
          "publisher": {"name": "Stadt Musterstadt", "uri": "https://www.musterstadt.de"},
          "contactPoint": {"name": "Open Data", "email": "opendata@musterstadt.de"},
          "keywords": ["Parken", "Verkehr"],
          "themes": ["TRAN"],
          "regionalKey": "081110000000",
          "accrualPeriodicity": "DAILY",
          "contributorId": "http://dcat-ap.de/def/contributors/stadtMusterstadt"
        }
        """);

    public static JsonObject Upload(string id, JsonObject? profile = null, JsonObject? quality = null)
    {
        var document = new JsonObject
        {
            ["id"] = id,
            ["source"] = new JsonObject { ["kind"] = "upload" },
            ["licence"] = "dl-by-de/2.0",
            ["metadata"] = Metadata(),
        };
        if (profile is not null) document["profile"] = profile;
        if (quality is not null) document["quality"] = quality;
        return document;
    }

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task DefineAsync(NgsiClient client, JsonObject document) =>
        (await client.PostAsync(Datasets, document)).ShouldHaveStatus(201);

    public static async Task UploadAsync(NgsiClient client, string id, string csv) =>
        (await client.SendAsync(HttpMethod.Put, $"{Datasets}/{id}/source", csv, "text/csv")).ShouldHaveStatus(204);

    public static async Task<Reply> PublishAsync(NgsiClient client, string id) =>
        await client.SendAsync(HttpMethod.Post, $"{Datasets}/{id}/releases", null, null);

    public static async Task<JsonObject> PublishOkAsync(NgsiClient client, string id) =>
        (await PublishAsync(client, id)).ShouldHaveStatus(201).Object;

    public static async Task<byte[]> DownloadAsync(NgsiClient client, JsonObject release, string format)
    {
        var url = release["distributions"]!.AsArray().Single(d => d!["format"]!.GetValue<string>() == format)!["url"]!.GetValue<string>();
        using var response = await client.Http.GetAsync(new Uri(url));
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
