using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Queries;

/// <summary>After every kind of write, queries by q, type and location find the entity by its new state and no longer by its old one.</summary>
public sealed class IndexMaintenanceTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private async Task<(string Type, string Id)> CreateAsync(int level)
    {
        var type = TestData.NewType();
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"{{type}}","level":{{level}},"name":"old"}"""));
        return (type, id);
    }

    private async Task AssertLevelAsync(string type, string id, int now, int before)
    {
        Assert.Equal([id], await _client.QueryIdsAsync(("type", type), ("q", $"level=={now}")));
        Assert.Empty(await _client.QueryIdsAsync(("type", type), ("q", $"level=={before}")));
        Assert.Equal([id], await _client.QueryIdsAsync(("type", type), ("q", $"level>{now - 1};level<{now + 1}")));
    }

    [Fact]
    public async Task Attribute_update_moves_the_value_in_the_index()
    {
        var (type, id) = await CreateAsync(1);
        (await _client.PatchAsync(NgsiClient.EntityPath(id) + "/attrs", TestData.Parse("""{"level":2}"""))).ShouldHaveStatus(204);
        await AssertLevelAsync(type, id, 2, 1);
    }

    [Fact]
    public async Task Partial_update_moves_the_value_in_the_index()
    {
        var (type, id) = await CreateAsync(1);
        (await _client.PatchAsync(NgsiClient.AttributePath(id, "level"), TestData.Parse("""{"value":3}"""))).ShouldHaveStatus(204);
        await AssertLevelAsync(type, id, 3, 1);
    }

    [Fact]
    public async Task Merge_moves_the_value_in_the_index()
    {
        var (type, id) = await CreateAsync(1);
        (await _client.PatchAsync(NgsiClient.EntityPath(id), TestData.Parse("""{"level":4}"""))).ShouldHaveStatus(204);
        await AssertLevelAsync(type, id, 4, 1);
    }

    [Fact]
    public async Task Replace_moves_the_value_and_drops_removed_attributes_from_the_index()
    {
        var (type, id) = await CreateAsync(1);
        (await _client.PutAsync(NgsiClient.EntityPath(id), TestData.Parse($$"""{"type":"{{type}}","level":5}"""))).ShouldHaveStatus(204);
        await AssertLevelAsync(type, id, 5, 1);
        Assert.Empty(await _client.QueryIdsAsync(("type", type), ("q", "name==\"old\"")));
        Assert.Empty(await _client.QueryIdsAsync(("type", type), ("q", "name")));
    }

    [Fact]
    public async Task Attribute_delete_removes_it_from_the_index()
    {
        var (type, id) = await CreateAsync(1);
        (await _client.DeleteAsync(NgsiClient.AttributePath(id, "name"))).ShouldHaveStatus(204);
        Assert.Empty(await _client.QueryIdsAsync(("type", type), ("q", "name")));
        Assert.Empty(await _client.QueryIdsAsync(("type", type), ("q", "name==\"old\"")));
    }

    [Fact]
    public async Task Batch_upsert_and_batch_merge_move_values_in_the_index()
    {
        var (type, id) = await CreateAsync(1);
        (await _client.BatchAsync("upsert", TestData.Array(TestData.Parse($$"""{"id":"{{id}}","type":"{{type}}","level":6}""")), "options=update")).ShouldHaveStatus(204);
        await AssertLevelAsync(type, id, 6, 1);
        (await _client.BatchAsync("merge", TestData.Array(TestData.Parse($$"""{"id":"{{id}}","level":7}""")))).ShouldHaveStatus(204);
        await AssertLevelAsync(type, id, 7, 6);
    }

    [Fact]
    public async Task Deleted_and_recreated_entity_is_found_only_by_its_new_values()
    {
        var (type, id) = await CreateAsync(1);
        (await _client.DeleteAsync(NgsiClient.EntityPath(id))).ShouldHaveStatus(204);
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"{{type}}","level":8}"""));
        await AssertLevelAsync(type, id, 8, 1);
        Assert.Empty(await _client.QueryIdsAsync(("type", type), ("q", "name")));
    }

    [Fact]
    public async Task Type_added_by_an_append_is_found_by_type()
    {
        var (type, id) = await CreateAsync(1);
        var extra = TestData.NewType();
        (await _client.PostAsync(NgsiClient.EntityPath(id) + "/attrs", TestData.Parse($$"""{"type":"{{extra}}","level":9}"""))).ShouldHaveStatus(204);
        Assert.Equal([id], await _client.QueryIdsAsync(("type", extra)));
        Assert.Equal([id], await _client.QueryIdsAsync(("type", $"{type};{extra}"), ("q", "level==9")));
    }

    [Fact]
    public async Task Several_updates_of_one_entity_in_one_batch_leave_the_index_at_the_last_value()
    {
        var (type, id) = await CreateAsync(1);
        var batch = new JsonArray(
            TestData.Parse($$"""{"id":"{{id}}","level":10}"""),
            TestData.Parse($$"""{"id":"{{id}}","level":11}"""),
            TestData.Parse($$"""{"id":"{{id}}","level":12}"""));

        (await _client.BatchAsync("update", batch)).ShouldHaveStatus(204);

        await AssertLevelAsync(type, id, 12, 11);
        Assert.Empty(await _client.QueryIdsAsync(("type", type), ("q", "level==10")));
    }
}
