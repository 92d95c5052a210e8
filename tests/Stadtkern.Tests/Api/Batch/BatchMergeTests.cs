using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Batch;

/// <summary>POST /entityOperations/merge (clause 5.6.20): merge-patch of several entities.</summary>
public sealed class BatchMergeTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Merge_answers_204_merges_values_and_deletes_ngsi_ld_nulls()
    {
        var a = TestData.NewId();
        var b = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{a}}","type":"Thing","x":{"type":"Property","value":1,"unitCode":"MTR"},"gone":1}"""));
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{b}}","type":"Thing","x":1}"""));

        var reply = await _client.BatchAsync("merge", TestData.Array(
            TestData.Parse($$"""{"id":"{{a}}","x":{"type":"Property","value":2},"gone":"urn:ngsi-ld:null"}"""),
            TestData.Parse($$"""{"id":"{{b}}","y":7}""")));

        reply.ShouldHaveStatus(204);
        var first = await _client.RetrieveOkAsync(a);
        Assert.Equal(2, first["x"]!["value"]!.GetValue<int>());
        Assert.Equal("MTR", first["x"]!["unitCode"]!.GetValue<string>());
        Assert.Null(first["gone"]);
        Assert.Equal(7, TestData.ValueOf(await _client.RetrieveOkAsync(b), "y")!.GetValue<int>());
    }

    [Fact]
    public async Task Merge_into_an_unknown_entity_answers_207_with_ResourceNotFound()
    {
        var known = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(known, "Thing"));
        var unknown = TestData.NewId();

        var reply = await _client.BatchAsync("merge", TestData.Array(
            TestData.Parse($$"""{"id":"{{known}}","y":1}"""),
            TestData.Parse($$"""{"id":"{{unknown}}","y":1}""")));

        reply.ShouldHaveStatus(207);
        Assert.Equal([known], reply.Object["success"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(unknown, Assert.Single(reply.Object["errors"]!.AsArray())!["entityId"]!.GetValue<string>());
        (await _client.RetrieveAsync(unknown)).ShouldHaveStatus(404);
    }
}
