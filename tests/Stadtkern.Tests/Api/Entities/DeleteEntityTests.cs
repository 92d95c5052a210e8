using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Entities;

/// <summary>DELETE /entities/{id} (clause 5.6.6).</summary>
public sealed class DeleteEntityTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Delete_answers_204_and_the_entity_is_gone()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        (await _client.DeleteAsync(NgsiClient.EntityPath(id))).ShouldHaveStatus(204);

        (await _client.RetrieveAsync(id)).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Deleting_an_unknown_entity_answers_404_ResourceNotFound()
    {
        var reply = await _client.DeleteAsync(NgsiClient.EntityPath(TestData.NewId()));

        reply.ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Deleted_entity_no_longer_appears_in_queries_or_types()
    {
        var type = TestData.NewType();
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, type));

        (await _client.DeleteAsync(NgsiClient.EntityPath(id))).ShouldHaveStatus(204);

        Assert.Empty(await _client.QueryIdsAsync(("type", type)));
        var types = await _client.GetAsync("ngsi-ld/v1/types");
        Assert.DoesNotContain(type, types.Body);
    }

    [Fact]
    public async Task Id_can_be_created_again_after_delete()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 1));
        (await _client.DeleteAsync(NgsiClient.EntityPath(id))).ShouldHaveStatus(204);

        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 2));

        Assert.Equal(2, TestData.ValueOf(await _client.RetrieveOkAsync(id), "temperature")!.GetValue<double>());
    }
}
