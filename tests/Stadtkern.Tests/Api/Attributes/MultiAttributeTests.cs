using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Attributes;

/// <summary>Multi-attributes (clause 4.5.5): several instances of one attribute told apart by datasetId.</summary>
public sealed class MultiAttributeTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Instances_with_different_datasetIds_are_all_kept()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing","speed":[
              {"type":"Property","value":55,"datasetId":"urn:ngsi-ld:Dataset:gps"},
              {"type":"Property","value":54.5,"datasetId":"urn:ngsi-ld:Dataset:wheel"}]}
            """));

        var speed = (await _client.RetrieveOkAsync(id))["speed"]!.AsArray();

        Assert.Equal(2, speed.Count);
        Assert.Equal(55, speed.Single(s => s!["datasetId"]!.GetValue<string>() == "urn:ngsi-ld:Dataset:gps")!["value"]!.GetValue<double>());
        Assert.Equal(54.5, speed.Single(s => s!["datasetId"]!.GetValue<string>() == "urn:ngsi-ld:Dataset:wheel")!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task Two_instances_with_the_same_datasetId_are_refused_with_400()
    {
        var id = TestData.NewId();

        var reply = await _client.CreateAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing","speed":[
              {"type":"Property","value":1,"datasetId":"urn:ngsi-ld:Dataset:x"},
              {"type":"Property","value":2,"datasetId":"urn:ngsi-ld:Dataset:x"}]}
            """));

        reply.ShouldBeProblem(400, "BadRequestData");
        (await _client.RetrieveAsync(id)).ShouldHaveStatus(404);
    }

    [Fact]
    public async Task Two_default_instances_are_refused_with_400()
    {
        var reply = await _client.CreateAsync(TestData.Parse($$"""
            {"id":"{{TestData.NewId()}}","type":"Thing","speed":[{"type":"Property","value":1},{"type":"Property","value":2}]}
            """));

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Update_with_a_datasetId_changes_only_the_matching_instance()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing","speed":[
              {"type":"Property","value":1,"datasetId":"urn:ngsi-ld:Dataset:a"},
              {"type":"Property","value":2,"datasetId":"urn:ngsi-ld:Dataset:b"}]}
            """));

        (await _client.PatchAsync(NgsiClient.EntityPath(id) + "/attrs", TestData.Parse("""{"speed":{"type":"Property","value":22,"datasetId":"urn:ngsi-ld:Dataset:b"}}""")))
            .ShouldHaveStatus(204);

        var speed = (await _client.RetrieveOkAsync(id))["speed"]!.AsArray();
        Assert.Equal(1, speed.Single(s => s!["datasetId"]!.GetValue<string>() == "urn:ngsi-ld:Dataset:a")!["value"]!.GetValue<int>());
        Assert.Equal(22, speed.Single(s => s!["datasetId"]!.GetValue<string>() == "urn:ngsi-ld:Dataset:b")!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_datasetId_that_is_not_a_uri_is_refused_with_400()
    {
        var reply = await _client.CreateAsync(TestData.Parse($$"""
            {"id":"{{TestData.NewId()}}","type":"Thing","speed":{"type":"Property","value":1,"datasetId":"no uri"} }
            """));

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Query_matches_an_entity_when_any_instance_matches()
    {
        var type = TestData.NewType();
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"{{type}}","speed":[
              {"type":"Property","value":10,"datasetId":"urn:ngsi-ld:Dataset:a"},
              {"type":"Property","value":90,"datasetId":"urn:ngsi-ld:Dataset:b"}]}
            """));

        Assert.Equal([id], await _client.QueryIdsAsync(("type", type), ("q", "speed>80")));
        Assert.Equal([id], await _client.QueryIdsAsync(("type", type), ("q", "speed<20")));
        Assert.Empty(await _client.QueryIdsAsync(("type", type), ("q", "speed==50")));
    }
}
