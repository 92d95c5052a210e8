using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Catalog.DatasetDocuments;

namespace Stadtkern.Tests.Catalog.Support;

/// <summary>
/// A broker whose open catalog has three published datasets (one with two releases, one with every optional item and
/// awkward text, one with the bare minimum), and three that must never appear in it: an internal one, a withdrawn one
/// and one whose only release is held for review. Pages hold two datasets, so the catalog has two pages.
/// </summary>
public class OpenCatalogFixture : BrokerFixture
{
    public const string Csv = "station,no2,time\nA,12.5,2026-01-01T00:00:00Z\nB,14.0,2026-01-01T01:00:00Z\n";
    public const string ContributorId = "http://dcat-ap.de/def/contributors/datenBW";

    public string Air { get; } = NewId("luft");
    public string Parking { get; } = NewId("parken");
    public string Trees { get; } = NewId("baeume");
    public string Internal { get; } = NewId("intern");
    public string Withdrawn { get; } = NewId("alt");
    public string Held { get; } = NewId("wartet");

    public IReadOnlyList<string> Published => [.. new[] { Air, Parking, Trees }.Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Hidden => [Internal, Withdrawn, Held];

    protected override void Configure(StadtkernOptions options)
    {
        options.CatalogPageSize = 2;
        options.CatalogTitle = "Offene Daten Musterstadt";
        options.CatalogPublisher = "Stadt Musterstadt";
        options.CatalogPublisherUri = "https://www.musterstadt.de";
    }

    protected override async Task SeedAsync(NgsiClient client)
    {
        var air = Document(Air, "Luftqualität");
        air["metadata"]!["title"]!["de"] = "Luft \"Mitte\" <Nord> & Süd\\West";
        air["metadata"]!["description"]!["de"] = "Stündliche Mittelwerte\nzweite Zeile\tmit Tab – und 🌳";
        air["metadata"]!["temporal"] = new JsonObject { ["start"] = "2025-01-01T00:00:00Z", ["end"] = "2026-12-31T23:00:00Z" };
        air["metadata"]!["themes"] = new JsonArray("ENVI", "HEAL");
        air["metadata"]!["keywords"] = new JsonArray("Luft", "NO2");
        await PublishAsync(client, air, releases: 2);

        var parking = Document(Parking, "Parkplätze");
        parking["licence"] = "dl-zero-de/2.0";
        parking["metadata"]!["publisher"] = new JsonObject { ["name"] = "Amt für Mobilität" };
        parking["metadata"]!["contactPoint"] = new JsonObject { ["email"] = "mobilitaet@musterstadt.de" };
        await PublishAsync(client, parking, releases: 1);

        await PublishAsync(client, new JsonObject
        {
            ["id"] = Trees,
            ["source"] = new JsonObject { ["kind"] = "upload" },
            ["licence"] = "cc-by/4.0",
            ["metadata"] = new JsonObject
            {
                ["title"] = new JsonObject { ["de"] = "Baumkataster" },
                ["description"] = new JsonObject { ["de"] = "Straßenbäume" },
                ["publisher"] = new JsonObject { ["name"] = "Stadt Musterstadt" },
            },
        }, releases: 1);

        var hidden = Document(Internal, "Intern");
        hidden["visibility"] = "internal";
        await PublishAsync(client, hidden, releases: 1);

        await PublishAsync(client, Document(Withdrawn, "Zurückgezogen"), releases: 1);
        (await client.DeleteAsync($"{Datasets}/{Withdrawn}")).ShouldHaveStatus(204);

        var held = Document(Held, "Zurückgehalten");
        held["quality"] = new JsonObject { ["minRows"] = 100 };
        await DefineAsync(client, held);
        await UploadAsync(client, Held, Csv);
        Assert.Equal("held", (await DatasetDocuments.PublishAsync(client, Held)).ShouldHaveStatus(201).Object["status"]!.GetValue<string>());
    }

    /// <summary>An upload dataset with full metadata and a contributor id from the DCAT-AP.de list.</summary>
    public static JsonObject Document(string id, string title)
    {
        var document = Upload(id);
        document["metadata"]!["title"]!["de"] = title;
        document["metadata"]!["contributorId"] = ContributorId;
        return document;
    }

    private static async Task PublishAsync(NgsiClient client, JsonObject document, int releases)
    {
        var id = document["id"]!.GetValue<string>();
        await DefineAsync(client, document);
        await UploadAsync(client, id, Csv);
        for (var i = 0; i < releases; i++) await PublishOkAsync(client, id);
    }
}
