using System.Globalization;
using System.Text;
using Stadtkern.Host;
using Stadtkern.Lake;
using Stadtkern.Tests.Ingest.Import;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Lake;

/// <summary>Imported files are in the lake as they came, and a replay imports them again into the same entities and history.</summary>
public sealed class ImportReplayTests
{
    private const string Csv = "station;zeit;temperatur;name\n"
        + "S1;2026-01-01T00:00:00Z;1,5;\"Nord\nost\"\n"
        + "S1;2026-01-01T01:00:00Z;2,5;Nordost\n"
        + "S2;2026-01-01T00:00:00Z;kalt;Süd\n";

    private const string CsvMapping = """
        {"type":"WeatherObserved","idColumn":"station","observedAt":"zeit","delimiter":";","decimalComma":true,
         "columns":{"temperatur":{"name":"temperature","type":"number","unitCode":"CEL"}}}
        """;

    private const string GeoJson = """
        {"type":"FeatureCollection","features":[{"type":"Feature","id":"b1","geometry":{"type":"Point","coordinates":[13.7,51.0]},"properties":{"lit":true}}]}
        """;

    [Fact]
    public async Task The_lake_holds_the_imported_file_verbatim_with_its_mapping()
    {
        await using var broker = await TestBroker.StartAsync();
        var tenant = TestData.NewTenant();

        (await broker.Client.ForTenant(tenant).ImportAsync("csv", CsvMapping, Csv, "text/csv")).ShouldHaveStatus(200);

        await using var lake = new RawLake(broker.DataDirectory, readOnly: true);
        var records = new List<LakeRecord>();
        foreach (var partition in lake.Partitions().Where(p => p.Tenant == tenant && p.Source == "import"))
            await foreach (var record in lake.ReadAsync(partition.Tenant, partition.Source, partition.Day)) records.Add(record);
        Assert.EndsWith("#mapping", records[0].Channel, StringComparison.Ordinal);
        Assert.Equal("WeatherObserved", Stadtkern.Ingest.Import.ImportMapping.Parse(Encoding.UTF8.GetString(records[0].Payload)).Type);
        var file = records.Where(r => r.Channel.Contains("#bytes ", StringComparison.Ordinal)).SelectMany(r => r.Payload).ToArray();
        Assert.Equal(Encoding.UTF8.GetBytes(Csv), file);
        Assert.EndsWith("#end", records[^1].Channel, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_store_with_imports_replayed_from_the_lake_equals_the_original()
    {
        TestDatabases.SkipWhenEnabled("lake replay rebuilds the embedded store of a data directory");
        using var original = new TempDirectory("import-replay-original");
        using var rebuilt = new TempDirectory("import-replay-target");
        var tenant = TestData.NewTenant();
        await using (var broker = await TestBroker.StartAsync(dataDirectory: original.Path))
        {
            var client = broker.Client.ForTenant(tenant);
            (await client.ImportAsync("csv", CsvMapping, Csv, "text/csv")).ShouldHaveStatus(200);
            (await client.ImportAsync("geojson", """{"type":"Streetlight"}""", GeoJson, "application/geo+json")).ShouldHaveStatus(200);
            (await client.ImportAsync("ngsi-ld", "{}", """[{"id":"urn:ngsi-ld:Streetlight:b1","type":"Streetlight","lit":false}]""", "application/json"))
                .ShouldHaveStatus(200);
            (await client.ImportAsync("csv", """{"type":"WeatherObserved"}""", "id\nx\n")).ShouldBeProblem(400, "BadRequestData");
        }
        string[] types = ["WeatherObserved", "Streetlight"];
        var before = await LakeReplayTests.SnapshotAsync(original.Path, tenant, types);

        var summary = await LakeReplay.RunAsync(original.Path, rebuilt.Path, null, CancellationToken.None);

        Assert.Equal(before, await LakeReplayTests.SnapshotAsync(rebuilt.Path, tenant, types));
        Assert.Contains("\"value\":2.5", before, StringComparison.Ordinal);
        Assert.Contains("\"value\":false", before, StringComparison.Ordinal);
        // The CSV with its refused row, and the import refused for its mapping, are refused again.
        Assert.Equal(2, summary.Refused);
        Assert.True(summary.Records >= 12, summary.Records.ToString(CultureInfo.InvariantCulture));
    }
}
