using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Stadtkern.Catalog;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Catalog.DatasetDocuments;

namespace Stadtkern.Tests.Catalog;

/// <summary>Dataset sources beyond the current state (temporal aggregation), scheduled runs, and the demo's datasets.</summary>
public sealed class SourcesAndScheduleTests
{
    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_temporal_source_publishes_the_aggregate_of_each_entity_over_the_window()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var now = DateTimeOffset.UtcNow;
        var station = "urn:ngsi-ld:AirQualityObserved:" + Guid.NewGuid().ToString("N")[..8];
        var readings = new JsonArray(
            new JsonObject { ["type"] = "Property", ["value"] = 10, ["observedAt"] = At(now.AddHours(-5)) },
            new JsonObject { ["type"] = "Property", ["value"] = 20, ["observedAt"] = At(now.AddHours(-3)) },
            new JsonObject { ["type"] = "Property", ["value"] = 30, ["observedAt"] = At(now.AddHours(-1)) },
            new JsonObject { ["type"] = "Property", ["value"] = 500, ["observedAt"] = At(now.AddDays(-3)) });
        (await client.PostAsync("ngsi-ld/v1/temporal/entities", new JsonObject { ["id"] = station, ["type"] = "AirQualityObserved", ["no2"] = readings }))
            .ShouldHaveStatus(201);
        var id = NewId("daily-mean");
        await DefineAsync(client, new JsonObject
        {
            ["id"] = id,
            ["source"] = new JsonObject
            {
                ["kind"] = "temporal", ["method"] = "avg", ["period"] = "P1D", ["window"] = "P1D",
                ["query"] = new JsonObject { ["type"] = "AirQualityObserved", ["id"] = station, ["attrs"] = "no2" },
            },
            ["licence"] = "cc-by/4.0",
            ["metadata"] = Metadata(),
        });

        var release = await PublishOkAsync(client, id);

        var csv = Encoding.UTF8.GetString(await DownloadAsync(client, release, "csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,type,periodStart,periodEnd,no2", csv[0]);
        var row = Assert.Single(csv.Skip(1)).Split(',');
        Assert.Equal((station, "AirQualityObserved", "20"), (row[0], row[1], row[4]));
    }

    [Fact]
    public async Task A_lake_source_publishes_a_days_messages_verbatim_with_their_hashes()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var sensor = TestData.NewId("Sensor");
        await client.CreateOkAsync(TestData.Parse($$$"""{"id":"{{{sensor}}}","type":"Sensor","level":{"type":"Property","value":7}}"""));
        var id = NewId("raw");
        await DefineAsync(client, new JsonObject
        {
            ["id"] = id,
            ["source"] = new JsonObject { ["kind"] = "lake", ["lakeSource"] = "http", ["daysAgo"] = 0 },
            ["licence"] = "cc-zero",
            ["visibility"] = "internal",
            ["formats"] = new JsonArray("csv", "jsonld"),
            ["metadata"] = Metadata(),
        });

        var release = await PublishOkAsync(client, id);

        var rows = JsonNode.Parse(await DownloadAsync(client, release, "jsonld"))!.AsArray();
        var created = rows.Single(r => r!["payload"]!["value"]!.GetValue<string>().Contains(sensor, StringComparison.Ordinal))!;
        var payload = created["payload"]!["value"]!.GetValue<string>();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(payload))), created["payloadSha256"]!["value"]!.GetValue<string>());
        Assert.StartsWith("POST /ngsi-ld/v1/entities", created["channel"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_dataset_is_published_once_when_its_time_came_and_not_again_before_the_next()
    {
        await using var broker = await TestBroker.StartAsync();
        var store = broker.Services.GetRequiredService<ICatalogStore>();
        var id = NewId("nightly");
        var document = Upload(id);
        document["schedule"] = "0 3 * * *";
        var defined = DateTimeOffset.UtcNow.AddDays(-2);
        Assert.True(await store.SaveDatasetAsync(new DatasetRecord(id, document, 1, defined, defined), 0, CancellationToken.None));
        await UploadAsync(broker.Client, id, "a,b\n1,2\n");
        var job = broker.Services.GetRequiredService<Host.PublicationJob>();

        Assert.True(await job.RunDueAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await job.RunDueAsync(CancellationToken.None));

        var releases = (await broker.Client.GetAsync($"{Datasets}/{id}/releases")).ShouldHaveStatus(200).Array;
        Assert.Equal("published", Assert.Single(releases)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_demo_publishes_two_datasets_one_through_an_anonymisation_profile_and_only_once()
    {
        using var directory = new TempDirectory("demo");
        await using (var demo = await TestBroker.StartAsync(o => o.SeedSampleCity = true, directory.Path))
        {
            var client = demo.Client;
            var air = (await client.GetAsync($"{Datasets}/luftqualitaet-darmstadt/releases/1")).ShouldHaveStatus(200).Object;
            Assert.Equal(("published", 4), (air["status"]!.GetValue<string>(), air["rows"]!.GetValue<int>()));
            Assert.NotNull(air["ledgerIndex"]);

            var parking = (await client.GetAsync($"{Datasets}/parkplatzbelegung-luisenplatz/releases/1")).ShouldHaveStatus(200).Object;
            Assert.Equal("published", parking["status"]!.GetValue<string>());
            Assert.Contains(parking["privacyReport"]!["steps"]!.AsArray(), s => s!["rule"]!.GetValue<string>() == "aggregate");
            var csv = Encoding.UTF8.GetString(await DownloadAsync(client, parking, "csv"));
            Assert.StartsWith("location,status,count\r\n", csv, StringComparison.Ordinal);
            Assert.DoesNotContain("urn:ngsi-ld", csv, StringComparison.Ordinal);
        }
        await using var again = await TestBroker.StartAsync(o => o.SeedSampleCity = true, directory.Path);
        Assert.Single((await again.Client.GetAsync($"{Datasets}/luftqualitaet-darmstadt/releases")).ShouldHaveStatus(200).Array);
    }
}
