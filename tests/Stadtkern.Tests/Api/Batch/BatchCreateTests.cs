using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Batch;

/// <summary>POST /entityOperations/create (clause 5.6.7): 201 with the ids, or 207 with per-entity errors.</summary>
public sealed class BatchCreateTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Batch_of_new_entities_answers_201_listing_their_ids()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => TestData.NewId()).ToArray();

        var reply = await _client.BatchAsync("create", new JsonArray(ids.Select(id => (JsonNode)TestData.Entity(id, "Thing")).ToArray()));

        reply.ShouldHaveStatus(201);
        Assert.Equal(ids, reply.Array.Select(n => n!.GetValue<string>()));
        foreach (var id in ids) (await _client.RetrieveAsync(id)).ShouldHaveStatus(200);
    }

    [Fact]
    public async Task Batch_with_an_existing_id_answers_207_and_creates_the_others()
    {
        var existing = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(existing, "Thing", 1));
        var fresh = TestData.NewId();

        var reply = await _client.BatchAsync("create", TestData.Array(TestData.Entity(existing, "Thing", 2), TestData.Entity(fresh, "Thing")));

        reply.ShouldHaveStatus(207);
        Assert.Equal([fresh], reply.Object["success"]!.AsArray().Select(n => n!.GetValue<string>()));
        var error = Assert.Single(reply.Object["errors"]!.AsArray())!;
        Assert.Equal(existing, error["entityId"]!.GetValue<string>());
        Assert.Equal(ReplyAssertions.ErrorPrefix + "AlreadyExists", error["error"]!["type"]!.GetValue<string>());
        Assert.Equal(1, TestData.ValueOf(await _client.RetrieveOkAsync(existing), "temperature")!.GetValue<double>());
        (await _client.RetrieveAsync(fresh)).ShouldHaveStatus(200);
    }

    [Fact]
    public async Task Batch_with_an_invalid_entity_reports_it_as_BadRequestData_and_creates_the_valid_ones()
    {
        var invalid = TestData.NewId();
        var valid = TestData.NewId();

        var reply = await _client.BatchAsync("create", TestData.Array(
            TestData.Parse($$"""{"id":"{{invalid}}","attr":1}"""),
            TestData.Entity(valid, "Thing")));

        reply.ShouldHaveStatus(207);
        var error = Assert.Single(reply.Object["errors"]!.AsArray())!;
        Assert.Equal(invalid, error["entityId"]!.GetValue<string>());
        Assert.Equal(ReplyAssertions.ErrorPrefix + "BadRequestData", error["error"]!["type"]!.GetValue<string>());
        (await _client.RetrieveAsync(invalid)).ShouldHaveStatus(404);
        (await _client.RetrieveAsync(valid)).ShouldHaveStatus(200);
    }

    [Fact]
    public async Task The_same_id_twice_in_one_batch_creates_it_once_and_reports_the_second()
    {
        var id = TestData.NewId();

        var reply = await _client.BatchAsync("create", TestData.Array(TestData.Entity(id, "Thing", 1), TestData.Entity(id, "Thing", 2)));

        reply.ShouldHaveStatus(207);
        Assert.Equal([id], reply.Object["success"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(ReplyAssertions.ErrorPrefix + "AlreadyExists", Assert.Single(reply.Object["errors"]!.AsArray())!["error"]!["type"]!.GetValue<string>());
        Assert.Equal(1, TestData.ValueOf(await _client.RetrieveOkAsync(id), "temperature")!.GetValue<double>());
    }

    [Fact]
    public async Task Empty_batch_answers_400_and_changes_nothing()
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        (await _client.BatchAsync("create", [])).ShouldBeProblem(400, "BadRequestData");

        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Body_that_is_not_an_array_answers_400()
    {
        var reply = await _client.PostAsync("ngsi-ld/v1/entityOperations/create", TestData.Entity(TestData.NewId(), "Thing"));

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Batch_larger_than_MaxBatchSize_answers_400_and_creates_nothing()
    {
        var type = TestData.NewType();
        var batch = new JsonArray(Enumerable.Range(0, 1001).Select(_ => (JsonNode)TestData.Parse($$"""{"id":"{{TestData.NewId()}}","type":"{{type}}"}""")).ToArray());

        var reply = await _client.BatchAsync("create", batch);

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Empty(await _client.QueryIdsAsync(("type", type)));
    }
}
