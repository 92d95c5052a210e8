using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Batch;

/// <summary>POST /entityOperations/upsert (clause 5.6.8): creates missing entities, replaces (default) or updates existing ones.</summary>
public sealed class BatchUpsertTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Upsert_of_new_entities_answers_201_listing_the_created_ids()
    {
        var a = TestData.NewId();
        var b = TestData.NewId();

        var reply = await _client.BatchAsync("upsert", TestData.Array(TestData.Entity(a, "Thing"), TestData.Entity(b, "Thing")));

        reply.ShouldHaveStatus(201);
        Assert.Equal([a, b], reply.Array.Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Upsert_of_existing_entities_only_answers_204_and_replaces_them()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","old":1}"""));

        var reply = await _client.BatchAsync("upsert", TestData.Array(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","new":2}""")));

        reply.ShouldHaveStatus(204);
        var entity = await _client.RetrieveOkAsync(id);
        Assert.Null(entity["old"]);
        Assert.Equal(2, TestData.ValueOf(entity, "new")!.GetValue<int>());
    }

    [Fact]
    public async Task Upsert_with_options_update_keeps_attributes_not_mentioned()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","old":1,"changed":1}"""));

        var reply = await _client.BatchAsync("upsert", TestData.Array(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","changed":2,"new":3}""")), "options=update");

        reply.ShouldHaveStatus(204);
        var entity = await _client.RetrieveOkAsync(id);
        Assert.Equal(1, TestData.ValueOf(entity, "old")!.GetValue<int>());
        Assert.Equal(2, TestData.ValueOf(entity, "changed")!.GetValue<int>());
        Assert.Equal(3, TestData.ValueOf(entity, "new")!.GetValue<int>());
    }

    [Fact]
    public async Task Upsert_mixing_new_and_existing_answers_201_listing_only_the_new_ones()
    {
        var existing = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(existing, "Thing"));
        var fresh = TestData.NewId();

        var reply = await _client.BatchAsync("upsert", TestData.Array(TestData.Entity(existing, "Thing", 5), TestData.Entity(fresh, "Thing")));

        reply.ShouldHaveStatus(201);
        Assert.Equal([fresh], reply.Array.Select(n => n!.GetValue<string>()));
        Assert.Equal(5, TestData.ValueOf(await _client.RetrieveOkAsync(existing), "temperature")!.GetValue<double>());
    }

    [Fact]
    public async Task Upsert_with_an_invalid_entity_answers_207_and_applies_the_rest()
    {
        var good = TestData.NewId();

        var reply = await _client.BatchAsync("upsert", TestData.Array(TestData.Parse("""{"id":"not a uri","type":"Thing"}"""), TestData.Entity(good, "Thing")));

        reply.ShouldHaveStatus(207);
        Assert.Equal([good], reply.Object["success"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Single(reply.Object["errors"]!.AsArray());
        (await _client.RetrieveAsync(good)).ShouldHaveStatus(200);
    }
}
