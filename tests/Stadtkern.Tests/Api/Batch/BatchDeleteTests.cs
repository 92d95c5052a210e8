using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Batch;

/// <summary>POST /entityOperations/delete (clause 5.6.10): a list of ids.</summary>
public sealed class BatchDeleteTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Delete_of_existing_ids_answers_204_and_they_are_gone()
    {
        var a = TestData.NewId();
        var b = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(a, "Thing"));
        await _client.CreateOkAsync(TestData.Entity(b, "Thing"));

        var reply = await _client.BatchAsync("delete", new JsonArray(a, b));

        reply.ShouldHaveStatus(204);
        (await _client.RetrieveAsync(a)).ShouldHaveStatus(404);
        (await _client.RetrieveAsync(b)).ShouldHaveStatus(404);
    }

    [Fact]
    public async Task Delete_with_unknown_and_invalid_ids_answers_207_and_deletes_the_known_ones()
    {
        var known = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(known, "Thing"));
        var unknown = TestData.NewId();

        var reply = await _client.BatchAsync("delete", new JsonArray(known, unknown, 42));

        reply.ShouldHaveStatus(207);
        Assert.Equal([known], reply.Object["success"]!.AsArray().Select(n => n!.GetValue<string>()));
        var errors = reply.Object["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        var notFound = errors.Single(e => e!["entityId"]!.GetValue<string>() == unknown)!;
        Assert.Equal(ReplyAssertions.ErrorPrefix + "ResourceNotFound", notFound["error"]!["type"]!.GetValue<string>());
        (await _client.RetrieveAsync(known)).ShouldHaveStatus(404);
    }
}
