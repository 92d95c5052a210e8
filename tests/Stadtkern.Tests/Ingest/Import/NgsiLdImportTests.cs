using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest.Import;

/// <summary>NGSI-LD files imported over HTTP: arrays of entities (normalized or concise) and NDJSON, with their own or a given @context.</summary>
public sealed class NgsiLdImportTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string Models = "/work/shared/smart-data-models/WasteManagement/WasteContainer";
    private readonly NgsiClient _client = fixture.Client;

    /// <summary>A Smart Data Models example, its remote @context left out (the tests run offline) and its id made unique.</summary>
    private static JsonObject Example(string file, string id)
    {
        var entity = TestData.Parse(File.ReadAllText(Path.Combine(Models, file)));
        entity.Remove("@context");
        entity["id"] = id;
        return entity;
    }

    [Fact]
    public async Task An_array_of_normalized_and_concise_entities_is_imported_and_a_bad_element_named_by_index()
    {
        if (!Directory.Exists(Models)) Assert.Fail($"The Smart Data Models examples are missing at {Models}.");
        var tenant = _client.ForTenant(TestData.NewTenant());
        var file = new JsonArray(Example("example-normalized.jsonld", "urn:ngsi-ld:WasteContainer:n"), Example("example.jsonld", "urn:ngsi-ld:WasteContainer:c"),
            JsonNode.Parse("""{"id":"not a uri","type":"WasteContainer"}"""), JsonNode.Parse("\"text\""));

        var summary = (await tenant.ImportAsync("ngsi-ld", "{}", file.ToJsonString(), "application/json")).ShouldHaveStatus(200).Object;

        Assert.Equal((4L, 2L, 2L), (summary["rows"]!.GetValue<long>(), summary["applied"]!.GetValue<long>(), summary["rejected"]!.GetValue<long>()));
        Assert.Equal([2L, 3L], ImportClient.Rejections(summary).Select(r => r.Index).Order());
        var normalized = await tenant.RetrieveOkAsync("urn:ngsi-ld:WasteContainer:n");
        var concise = await tenant.RetrieveOkAsync("urn:ngsi-ld:WasteContainer:c");
        Assert.Equal(43, TestData.ValueOf(normalized, "binCapacity")!.GetValue<double>());
        Assert.Equal(43, TestData.ValueOf(concise, "binCapacity")!.GetValue<double>());
        Assert.True(TestData.Same(normalized["location"], concise["location"]));
    }

    [Fact]
    public async Task Ndjson_lines_are_imported_and_refused_lines_named_by_line()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var lines = """
            {"id":"urn:ngsi-ld:Meter:1","type":"Meter","load":5}

            {"id":"urn:ngsi-ld:Meter:2","load":6}
            {"@context":"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld","id":"urn:ngsi-ld:Meter:3","type":"Meter","load":7}
            """;

        var summary = (await tenant.ImportAsync("ngsi-ld", "{}", lines, "application/x-ndjson")).ShouldHaveStatus(200).Object;

        Assert.Equal((3L, 2L, 1L), (summary["rows"]!.GetValue<long>(), summary["applied"]!.GetValue<long>(), summary["rejected"]!.GetValue<long>()));
        Assert.Equal([(3L, 1L, "BadRequestData")], ImportClient.Rejections(summary));
        Assert.Equal(7, TestData.ValueOf(await tenant.RetrieveOkAsync("urn:ngsi-ld:Meter:3"), "load")!.GetValue<double>());
    }
}
