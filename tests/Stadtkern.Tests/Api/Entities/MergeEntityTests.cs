using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Entities;

/// <summary>PATCH /entities/{id} (clause 5.6.17): a merge-patch; NGSI-LD null deletes.</summary>
public sealed class MergeEntityTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Merge_adds_new_attributes_updates_values_and_keeps_the_rest()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing","temperature":{"type":"Property","value":20,"unitCode":"CEL"},"untouched":"same"}
            """));

        var reply = await _client.PatchAsync(NgsiClient.EntityPath(id), TestData.Parse("""{"temperature":{"type":"Property","value":25},"humidity":60}"""));

        reply.ShouldHaveStatus(204);
        var entity = await _client.RetrieveOkAsync(id);
        Assert.Equal(25, TestData.ValueOf(entity, "temperature")!.GetValue<int>());
        Assert.Equal("CEL", entity["temperature"]!["unitCode"]!.GetValue<string>());
        Assert.Equal(60, TestData.ValueOf(entity, "humidity")!.GetValue<int>());
        Assert.Equal("same", TestData.ValueOf(entity, "untouched")!.GetValue<string>());
    }

    [Fact]
    public async Task Merge_with_the_ngsi_ld_null_deletes_the_attribute()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","gone":1,"stays":2}"""));

        (await _client.PatchAsync(NgsiClient.EntityPath(id), TestData.Parse("""{"gone":"urn:ngsi-ld:null"}"""))).ShouldHaveStatus(204);

        var entity = await _client.RetrieveOkAsync(id);
        Assert.Null(entity["gone"]);
        Assert.NotNull(entity["stays"]);
    }

    [Fact]
    public async Task Merge_accepts_the_merge_patch_media_type()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        var reply = await _client.PatchAsync(NgsiClient.EntityPath(id), TestData.Parse("""{"colour":"red"}"""), NgsiClient.MergePatch);

        reply.ShouldHaveStatus(204);
        Assert.Equal("red", TestData.ValueOf(await _client.RetrieveOkAsync(id), "colour")!.GetValue<string>());
    }

    [Fact]
    public async Task Merging_into_an_unknown_entity_answers_404()
    {
        var reply = await _client.PatchAsync(NgsiClient.EntityPath(TestData.NewId()), TestData.Parse("""{"x":1}"""));

        reply.ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Merge_of_a_sub_attribute_keeps_the_other_sub_attributes()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing","speed":{"type":"Property","value":10,"accuracy":{"type":"Property","value":0.5},"source":{"type":"Property","value":"radar"} } }
            """));

        (await _client.PatchAsync(NgsiClient.EntityPath(id), TestData.Parse("""{"speed":{"type":"Property","value":12,"accuracy":{"type":"Property","value":0.1}}}""")))
            .ShouldHaveStatus(204);

        var speed = (await _client.RetrieveOkAsync(id))["speed"]!;
        Assert.Equal(12, speed["value"]!.GetValue<int>());
        Assert.Equal(0.1, speed["accuracy"]!["value"]!.GetValue<double>());
        Assert.Equal("radar", speed["source"]!["value"]!.GetValue<string>());
    }
}
