using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Attributes;

/// <summary>PATCH /entities/{id}/attrs/{attr} (clause 5.6.4): only the members given change.</summary>
public sealed class PartialAttributeUpdateTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Partial_update_of_the_value_keeps_the_unitCode()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));

        var reply = await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse("""{"value":12.5}"""));

        reply.ShouldHaveStatus(204);
        var temperature = (await _client.RetrieveOkAsync(id))["temperature"]!;
        Assert.Equal(12.5, temperature["value"]!.GetValue<double>());
        Assert.Equal("CEL", temperature["unitCode"]!.GetValue<string>());
        Assert.Equal("Property", temperature["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Partial_update_of_metadata_only_keeps_the_value()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));

        (await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse("""{"observedAt":"2026-03-01T10:00:00Z"}""")))
            .ShouldHaveStatus(204);

        var temperature = (await _client.RetrieveOkAsync(id))["temperature"]!;
        Assert.Equal(10, temperature["value"]!.GetValue<double>());
        Assert.Equal("2026-03-01T10:00:00Z", temperature["observedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Partial_update_of_an_unknown_attribute_answers_404()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        var reply = await _client.PatchAsync(NgsiClient.AttributePath(id, "nothere"), TestData.Parse("""{"value":1}"""));

        reply.ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Partial_update_with_a_datasetId_changes_only_that_instance()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing","speed":[{"type":"Property","value":1},{"type":"Property","value":2,"datasetId":"urn:ngsi-ld:Dataset:gps"}]}
            """));

        (await _client.PatchAsync(NgsiClient.AttributePath(id, "speed"), TestData.Parse("""{"value":20,"datasetId":"urn:ngsi-ld:Dataset:gps"}""")))
            .ShouldHaveStatus(204);

        var speed = (await _client.RetrieveOkAsync(id))["speed"]!.AsArray();
        Assert.Equal(1, speed.Single(s => s!["datasetId"] is null)!["value"]!.GetValue<int>());
        Assert.Equal(20, speed.Single(s => s!["datasetId"] is not null)!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task Partial_update_of_a_relationship_changes_its_target()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","owner":{"type":"Relationship","object":"urn:ngsi-ld:Person:1"} }"""));

        (await _client.PatchAsync(NgsiClient.AttributePath(id, "owner"), TestData.Parse("""{"object":"urn:ngsi-ld:Person:2"}"""))).ShouldHaveStatus(204);

        var owner = (await _client.RetrieveOkAsync(id))["owner"]!;
        Assert.Equal("Relationship", owner["type"]!.GetValue<string>());
        Assert.Equal("urn:ngsi-ld:Person:2", owner["object"]!.GetValue<string>());
    }
}
