using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Batch;

/// <summary>POST /entityOperations/update (clause 5.6.9): attributes of existing entities are appended or overwritten.</summary>
public sealed class BatchUpdateTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Update_of_existing_entities_answers_204_and_changes_their_attributes()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","a":1,"b":1}"""));

        var reply = await _client.BatchAsync("update", TestData.Array(TestData.Parse($$"""{"id":"{{id}}","a":2,"c":3}""")));

        reply.ShouldHaveStatus(204);
        var entity = await _client.RetrieveOkAsync(id);
        Assert.Equal(2, TestData.ValueOf(entity, "a")!.GetValue<int>());
        Assert.Equal(1, TestData.ValueOf(entity, "b")!.GetValue<int>());
        Assert.Equal(3, TestData.ValueOf(entity, "c")!.GetValue<int>());
    }

    [Fact]
    public async Task Update_of_an_unknown_entity_answers_207_with_ResourceNotFound_and_updates_the_others()
    {
        var known = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{known}}","type":"Thing","a":1}"""));
        var unknown = TestData.NewId();

        var reply = await _client.BatchAsync("update", TestData.Array(
            TestData.Parse($$"""{"id":"{{unknown}}","a":5}"""),
            TestData.Parse($$"""{"id":"{{known}}","a":5}""")));

        reply.ShouldHaveStatus(207);
        Assert.Equal([known], reply.Object["success"]!.AsArray().Select(n => n!.GetValue<string>()));
        var error = Assert.Single(reply.Object["errors"]!.AsArray())!;
        Assert.Equal(unknown, error["entityId"]!.GetValue<string>());
        Assert.Equal(ReplyAssertions.ErrorPrefix + "ResourceNotFound", error["error"]!["type"]!.GetValue<string>());
        Assert.Equal(5, TestData.ValueOf(await _client.RetrieveOkAsync(known), "a")!.GetValue<int>());
        (await _client.RetrieveAsync(unknown)).ShouldHaveStatus(404);
    }

    [Fact]
    public async Task Update_with_noOverwrite_leaves_existing_attributes_and_adds_new_ones()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","a":1}"""));

        var reply = await _client.BatchAsync("update", TestData.Array(TestData.Parse($$"""{"id":"{{id}}","a":9,"b":2}""")), "options=noOverwrite");

        if (reply.Status == 207)
        {
            var error = Assert.Single(reply.Object["errors"]!.AsArray())!;
            Assert.Equal(id, error["entityId"]!.GetValue<string>());
            Assert.Contains("a", error["error"]!["detail"]!.GetValue<string>());
        }
        else
        {
            reply.ShouldHaveStatus(204);
        }

        var entity = await _client.RetrieveOkAsync(id);
        Assert.Equal(1, TestData.ValueOf(entity, "a")!.GetValue<int>());
        Assert.Equal(2, TestData.ValueOf(entity, "b")!.GetValue<int>());
    }
}
