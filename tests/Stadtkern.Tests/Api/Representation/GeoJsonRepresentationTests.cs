using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Representation;

/// <summary><c>Accept: application/geo+json</c> (clause 4.5.16): entities as GeoJSON Features and FeatureCollections.</summary>
public sealed class GeoJsonRepresentationTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private async Task<string> CreateAsync(string type)
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"{{type}}","name":"Lamp",
             "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.65,49.87]} },
             "serviceArea":{"type":"GeoProperty","value":{"type":"Polygon","coordinates":[[[8.6,49.8],[8.7,49.8],[8.7,49.9],[8.6,49.8]]]} } }
            """));
        return id;
    }

    [Fact]
    public async Task Retrieve_gives_a_Feature_with_the_location_as_geometry()
    {
        var id = await CreateAsync("Lamp");

        var reply = await _client.RetrieveAsync(id, accept: NgsiClient.GeoJson);

        reply.ShouldHaveStatus(200);
        Assert.Equal(NgsiClient.GeoJson, reply.MediaType);
        var feature = reply.Object;
        Assert.Equal("Feature", feature["type"]!.GetValue<string>());
        Assert.Equal(id, feature["id"]!.GetValue<string>());
        Assert.True(TestData.Same(JsonNode.Parse("""{"type":"Point","coordinates":[8.65,49.87]}"""), feature["geometry"]), feature.ToJsonString());
        Assert.Equal("Lamp", feature["properties"]!["type"]!.GetValue<string>());
        Assert.Equal("Lamp", feature["properties"]!["name"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task GeometryProperty_chooses_which_GeoProperty_becomes_the_geometry()
    {
        var id = await CreateAsync("Lamp");

        var feature = (await _client.RetrieveAsync(id, "geometryProperty=serviceArea", NgsiClient.GeoJson)).ShouldHaveStatus(200).Object;

        Assert.Equal("Polygon", feature["geometry"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Entity_without_the_GeoProperty_has_a_null_geometry()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        var feature = (await _client.RetrieveAsync(id, accept: NgsiClient.GeoJson)).ShouldHaveStatus(200).Object;

        Assert.True(feature.ContainsKey("geometry"));
        Assert.Null(feature["geometry"]);
    }

    [Fact]
    public async Task Query_gives_a_FeatureCollection_with_one_Feature_per_entity()
    {
        var type = TestData.NewType();
        var a = await CreateAsync(type);
        var b = await CreateAsync(type);

        var reply = await _client.QueryAsync($"type={type}", accept: NgsiClient.GeoJson);

        reply.ShouldHaveStatus(200);
        Assert.Equal("FeatureCollection", reply.Object["type"]!.GetValue<string>());
        var ids = reply.Object["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Order();
        Assert.Equal(new[] { a, b }.Order(), ids);
    }

    [Fact]
    public async Task KeyValues_features_carry_bare_property_values()
    {
        var id = await CreateAsync("Lamp");

        var feature = (await _client.RetrieveAsync(id, "options=keyValues", NgsiClient.GeoJson)).ShouldHaveStatus(200).Object;

        Assert.Equal("Lamp", feature["properties"]!["name"]!.GetValue<string>());
    }
}
