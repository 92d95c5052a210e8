using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parquet;
using Stadtkern.Ledger;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Catalog.DatasetDocuments;

namespace Stadtkern.Tests.Catalog;

/// <summary>
/// A publication run end to end over HTTP: the entities a query selects become four files whose bytes match the
/// checksums of the manifest, and the manifest is provably in the signed ledger.
/// </summary>
public sealed class PublicationTests
{
    private static JsonObject Spot(string id, string status, double lon, double lat)
    {
        var spot = TestData.Parse("""
            {"type": "ParkingSpot",
             "status": {"type": "Property", "observedAt": "2026-11-29T08:00:00Z"},
             "location": {"type": "GeoProperty", "value": {"type": "Point"}}}
            """);
        spot["id"] = id;
        spot["status"]!["value"] = status;
        spot["location"]!["value"]!["coordinates"] = new JsonArray(lon, lat);
        return spot;
    }

    [Fact]
    public async Task Entities_become_four_files_whose_checksums_are_in_a_manifest_the_ledger_proves()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var prefix = "urn:ngsi-ld:ParkingSpot:" + Guid.NewGuid().ToString("N")[..6];
        await client.SeedAsync([Spot(prefix + ":1", "free", 9.18, 48.78), Spot(prefix + ":2", "occupied", 9.19, 48.77), Spot(prefix + ":3", "free", 9.17, 48.79)]);
        var id = NewId("parking");
        var document = new JsonObject
        {
            ["id"] = id,
            ["source"] = new JsonObject { ["kind"] = "entities", ["query"] = new JsonObject { ["type"] = "ParkingSpot", ["idPattern"] = "^" + prefix } },
            ["licence"] = "dl-zero-de/2.0",
            ["metadata"] = Metadata(),
        };
        await DefineAsync(client, document);

        var release = await PublishOkAsync(client, id);

        Assert.Equal(("published", 1, 3), (release["status"]!.GetValue<string>(), release["release"]!.GetValue<int>(), release["rows"]!.GetValue<int>()));
        var csv = Encoding.UTF8.GetString(await DownloadAsync(client, release, "csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,type,observedAt,status,location_longitude,location_latitude", csv[0]);
        Assert.Equal($"{prefix}:2,ParkingSpot,2026-11-29T08:00:00Z,occupied,9.19,48.77", csv.Single(l => l.StartsWith(prefix + ":2", StringComparison.Ordinal)));
        Assert.Equal(4, csv.Length);

        var geojson = JsonNode.Parse(await DownloadAsync(client, release, "geojson"))!;
        var feature = geojson["features"]!.AsArray().Single(f => f!["properties"]!["id"]!.GetValue<string>() == prefix + ":1")!;
        Assert.Equal("[9.18,48.78]", feature["geometry"]!["coordinates"]!.ToJsonString());
        Assert.Equal("free", feature["properties"]!["status"]!.GetValue<string>());

        var entities = JsonNode.Parse(await DownloadAsync(client, release, "jsonld"))!.AsArray();
        Assert.Equal(3, entities.Count);
        var entity = entities.Single(e => e!["id"]!.GetValue<string>() == prefix + ":3")!;
        Assert.Equal(("ParkingSpot", "GeoProperty"), (entity["type"]!.GetValue<string>(), entity["location"]!["type"]!.GetValue<string>()));

        await using (var parquet = await ParquetReader.CreateAsync(new MemoryStream(await DownloadAsync(client, release, "parquet"))))
        {
            Assert.Equal(3, parquet.OpenRowGroupReader(0).RowCount);
            Assert.Contains("location_latitude", parquet.Schema.GetDataFields().Select(f => f.Name));
        }

        // Every file's bytes are what the manifest says, and the manifest is entry ledgerIndex of the signed log.
        var manifest = release["manifest"]!.AsObject();
        foreach (var file in manifest["distributions"]!.AsArray())
        {
            var bytes = await DownloadAsync(client, release, file!["format"]!.GetValue<string>());
            Assert.Equal(file["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(file["bytes"]!.GetValue<long>(), bytes.LongLength);
        }
        var index = release["ledgerIndex"]!.GetValue<long>();
        var entry = (await client.GetAsync($"stadtkern/v1/ledger/entries/{index}")).ShouldHaveStatus(200).Object;
        Assert.Equal("release", entry["kind"]!.GetValue<string>());
        var logged = Convert.FromBase64String(entry["body"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(manifest, JsonNode.Parse(logged)));
        var log = broker.Services.GetRequiredService<TransparencyLog>();
        var checkpoint = await log.CheckpointAsync(CancellationToken.None);
        var (size, proof) = await log.InclusionAsync(index, null, CancellationToken.None);
        Assert.True(MerkleProof.VerifyInclusion(MerkleHash.Leaf(logged), index, size, proof, checkpoint.Checkpoint.Root));
    }

    [Fact]
    public async Task A_second_release_chains_to_the_first_summarises_the_change_and_leaves_the_first_downloadable()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var id = NewId("counts");
        await DefineAsync(client, Upload(id));
        await UploadAsync(client, id, "station,count\nA,10\nB,12\n");
        var first = await PublishOkAsync(client, id);
        await UploadAsync(client, id, "station,count,note\nA,11,x\nB,13,y\nC,9,z\n");

        var second = await PublishOkAsync(client, id);

        Assert.Equal(2, second["release"]!.GetValue<int>());
        var previous = second["manifest"]!["previous"]!;
        Assert.Equal(1, previous["release"]!.GetValue<int>());
        var firstManifest = Encoding.UTF8.GetBytes(first["manifest"]!.ToJsonString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(firstManifest)), previous["manifestSha256"]!.GetValue<string>());
        var summary = second["summary"]!;
        Assert.Equal((2, 3, 1), (summary["rows"]!["before"]!.GetValue<int>(), summary["rows"]!["after"]!.GetValue<int>(), summary["rows"]!["change"]!.GetValue<int>()));
        Assert.Equal(["note"], summary["columnsAdded"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(11, summary["means"]!["count"]!["before"]!.GetValue<double>());
        Assert.Equal("station,count\r\nA,10\r\nB,12\r\n", Encoding.UTF8.GetString(await DownloadAsync(client, first, "csv")));
        var releases = (await client.GetAsync($"{Datasets}/{id}/releases")).ShouldHaveStatus(200).Array;
        Assert.Equal([2, 1], releases.Select(r => r!["release"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Every_change_of_the_catalog_is_logged_and_a_withdrawn_dataset_keeps_its_releases()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var id = NewId("withdrawn");
        await DefineAsync(client, Upload(id));
        var changed = Upload(id);
        changed["metadata"]!["title"]!["de"] = "Parkplätze (neu)";
        (await client.PutAsync($"{Datasets}/{id}?version=1", changed)).ShouldHaveStatus(200);
        (await client.PutAsync($"{Datasets}/{id}?version=1", changed)).ShouldBeProblem(409, "Conflict");
        await UploadAsync(client, id, "a,b\n1,2\n");
        var release = await PublishOkAsync(client, id);

        (await client.DeleteAsync($"{Datasets}/{id}")).ShouldHaveStatus(204);

        Assert.DoesNotContain(id, (await client.GetAsync(Datasets)).ShouldHaveStatus(200).Array.Select(d => d!["dataset"]!["id"]!.GetValue<string>()));
        Assert.Equal("a,b\r\n1,2\r\n", Encoding.UTF8.GetString(await DownloadAsync(client, release, "csv")));
        (await PublishAsync(client, id)).ShouldBeProblem(400, "BadRequestData");
        var log = broker.Services.GetRequiredService<TransparencyLog>();
        var size = (await log.CheckpointAsync(CancellationToken.None)).Checkpoint.Size;
        var changes = new List<string>();
        for (var i = 0L; i < size; i++)
        {
            var entry = await log.EntryAsync(i, CancellationToken.None);
            if (entry.Kind == "catalog" && JsonNode.Parse(entry.Body)!["dataset"]!.GetValue<string>() == id)
                changes.Add(JsonNode.Parse(entry.Body)!["change"]!.GetValue<string>());
        }
        Assert.Equal(["created", "updated", "withdrawn"], changes);
    }
}
