using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Attributes;

/// <summary>DELETE /entities/{id}/attrs/{attr} (clause 5.6.5): the default instance, one by datasetId, or all with deleteAll.</summary>
public sealed class DeleteAttributeTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private async Task<string> CreateWithThreeSpeedsAsync()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing","other":1,"speed":[
              {"type":"Property","value":1},
              {"type":"Property","value":2,"datasetId":"urn:ngsi-ld:Dataset:a"},
              {"type":"Property","value":3,"datasetId":"urn:ngsi-ld:Dataset:b"}]}
            """));
        return id;
    }

    [Fact]
    public async Task Delete_answers_204_and_the_attribute_is_gone()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","a":1,"b":2}"""));

        (await _client.DeleteAsync(NgsiClient.AttributePath(id, "a"))).ShouldHaveStatus(204);

        var entity = await _client.RetrieveOkAsync(id);
        Assert.Null(entity["a"]);
        Assert.NotNull(entity["b"]);
    }

    [Fact]
    public async Task Deleting_an_attribute_the_entity_does_not_have_answers_404()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        (await _client.DeleteAsync(NgsiClient.AttributePath(id, "nothere"))).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Delete_without_datasetId_removes_only_the_default_instance()
    {
        var id = await CreateWithThreeSpeedsAsync();

        (await _client.DeleteAsync(NgsiClient.AttributePath(id, "speed"))).ShouldHaveStatus(204);

        var speed = (await _client.RetrieveOkAsync(id))["speed"]!.AsArray();
        Assert.Equal(2, speed.Count);
        Assert.All(speed, s => Assert.NotNull(s!["datasetId"]));
    }

    [Fact]
    public async Task Delete_with_a_datasetId_removes_only_that_instance()
    {
        var id = await CreateWithThreeSpeedsAsync();

        (await _client.DeleteAsync(NgsiClient.AttributePath(id, "speed") + "?datasetId=urn:ngsi-ld:Dataset:a")).ShouldHaveStatus(204);

        var speed = (await _client.RetrieveOkAsync(id))["speed"]!.AsArray();
        Assert.Equal(2, speed.Count);
        Assert.DoesNotContain(speed, s => s!["datasetId"]?.GetValue<string>() == "urn:ngsi-ld:Dataset:a");
    }

    [Fact]
    public async Task Delete_with_an_unknown_datasetId_answers_404_and_keeps_every_instance()
    {
        var id = await CreateWithThreeSpeedsAsync();
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.DeleteAsync(NgsiClient.AttributePath(id, "speed") + "?datasetId=urn:ngsi-ld:Dataset:zzz");

        reply.ShouldBeProblem(404, "ResourceNotFound");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Delete_with_deleteAll_removes_every_instance()
    {
        var id = await CreateWithThreeSpeedsAsync();

        (await _client.DeleteAsync(NgsiClient.AttributePath(id, "speed") + "?deleteAll=true")).ShouldHaveStatus(204);

        var entity = await _client.RetrieveOkAsync(id);
        Assert.Null(entity["speed"]);
        Assert.NotNull(entity["other"]);
    }

    [Fact]
    public async Task Delete_with_a_datasetId_that_is_not_a_uri_answers_400()
    {
        var id = await CreateWithThreeSpeedsAsync();

        (await _client.DeleteAsync(NgsiClient.AttributePath(id, "speed") + "?datasetId=not%20a%20uri")).ShouldBeProblem(400, "BadRequestData");
    }
}
