using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Attributes;

/// <summary>Sub-attributes (properties of properties, relationships of properties) and the observedAt/unitCode members.</summary>
public sealed class SubAttributeTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Sub_properties_and_sub_relationships_round_trip()
    {
        var id = TestData.NewId();
        var speed = JsonNode.Parse("""
            {"type":"Property","value":55,"unitCode":"KMH","observedAt":"2026-11-28T08:00:00Z",
             "accuracy":{"type":"Property","value":0.5,"unitCode":"KMH"},
             "measuredBy":{"type":"Relationship","object":"urn:ngsi-ld:Sensor:radar-1"}}
            """)!;
        await _client.CreateOkAsync(new JsonObject { ["id"] = id, ["type"] = "Thing", ["speed"] = speed.DeepClone() });

        var got = (await _client.RetrieveOkAsync(id))["speed"];

        Assert.True(TestData.Same(speed, got), got?.ToJsonString());
    }

    [Fact]
    public async Task ObservedAt_with_an_offset_is_given_back_in_UTC()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing","level":{"type":"Property","value":3,"observedAt":"2026-11-28T09:30:00+01:00"} }
            """));

        var level = (await _client.RetrieveOkAsync(id))["level"]!;

        Assert.Equal("2026-11-28T08:30:00Z", level["observedAt"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"type":"Property","value":3,"observedAt":"yesterday"}""")]
    [InlineData("""{"type":"Property","value":3,"observedAt":42}""")]
    [InlineData("""{"type":"Property","value":3,"unitCode":7}""")]
    [InlineData("""{"type":"Property","value":3,"datasetId":"not a uri"}""")]
    public async Task Malformed_metadata_is_refused_with_400(string attribute)
    {
        var id = TestData.NewId();

        var reply = await _client.CreateAsync(new JsonObject { ["id"] = id, ["type"] = "Thing", ["level"] = JsonNode.Parse(attribute) });

        reply.ShouldBeProblem(400, "BadRequestData");
        (await _client.RetrieveAsync(id)).ShouldHaveStatus(404);
    }

    [Fact]
    public async Task Sub_attributes_nested_too_deeply_are_refused_with_400()
    {
        JsonObject attribute = new() { ["type"] = "Property", ["value"] = 0 };
        for (var i = 0; i < 12; i++) attribute = new JsonObject { ["type"] = "Property", ["value"] = i, ["inner"] = attribute };

        var reply = await _client.CreateAsync(new JsonObject { ["id"] = TestData.NewId(), ["type"] = "Thing", ["deep"] = attribute });

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Query_can_compare_a_sub_attribute_and_observedAt()
    {
        var type = TestData.NewType();
        var precise = TestData.NewId();
        var rough = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{precise}}","type":"{{type}}","speed":{"type":"Property","value":50,"observedAt":"2026-01-01T00:00:00Z","accuracy":{"type":"Property","value":0.1} } }
            """));
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{rough}}","type":"{{type}}","speed":{"type":"Property","value":50,"observedAt":"2026-06-01T00:00:00Z","accuracy":{"type":"Property","value":5} } }
            """));

        Assert.Equal([precise], await _client.QueryIdsAsync(("type", type), ("q", "speed.accuracy<1")));
        Assert.Equal([rough], await _client.QueryIdsAsync(("type", type), ("q", "speed.observedAt>2026-03-01T00:00:00Z")));
    }
}
