using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Entities;

/// <summary>PUT /entities/{id} (clause 5.6.18): the entity's attributes are replaced whole, its creation date kept.</summary>
public sealed class ReplaceEntityTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Replace_answers_204_and_only_the_new_attributes_remain()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","old":1,"kept":2}"""));

        var reply = await _client.PutAsync(NgsiClient.EntityPath(id), TestData.Parse("""{"type":"Thing","kept":20,"fresh":3}"""));

        reply.ShouldHaveStatus(204);
        var entity = await _client.RetrieveOkAsync(id);
        Assert.Null(entity["old"]);
        Assert.Equal(20, TestData.ValueOf(entity, "kept")!.GetValue<int>());
        Assert.Equal(3, TestData.ValueOf(entity, "fresh")!.GetValue<int>());
    }

    [Fact]
    public async Task Replace_keeps_the_creation_date_and_moves_the_modification_date()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));
        var before = await _client.RetrieveOkAsync(id, "options=sysAttrs");
        await Task.Delay(5);

        (await _client.PutAsync(NgsiClient.EntityPath(id), TestData.Parse("""{"type":"Thing","x":1}"""))).ShouldHaveStatus(204);

        var after = await _client.RetrieveOkAsync(id, "options=sysAttrs");
        Assert.Equal(before["createdAt"]!.GetValue<string>(), after["createdAt"]!.GetValue<string>());
        Assert.NotEqual(before["modifiedAt"]!.GetValue<string>(), after["modifiedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replacing_an_unknown_entity_answers_404()
    {
        var reply = await _client.PutAsync(NgsiClient.EntityPath(TestData.NewId()), TestData.Parse("""{"type":"Thing","x":1}"""));

        reply.ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Replace_with_a_different_id_in_the_body_answers_400_and_changes_nothing()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.PutAsync(NgsiClient.EntityPath(id), TestData.Parse($$"""{"id":"{{TestData.NewId()}}","type":"Thing","x":1}"""));

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }
}
