using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Catalog.DatasetDocuments;

namespace Stadtkern.Tests.Catalog;

/// <summary>A dataset definition is wholly valid or not stored: each mistake is a 400 that names it.</summary>
public sealed class DefinitionTests
{
    public static TheoryData<string, string, string> Mistakes => new()
    {
        { "licence", "\"cc-by-5.0\"", "licence list" },
        { "schedule", "\"every hour\"", "cron" },
        { "formats", "[\"csv\", \"xlsx\"]", "'xlsx'" },
        { "visibility", "\"secret\"", "public or internal" },
        { "privacyBudget", "0", "privacyBudget" },
        { "quality", "{\"ranges\": {\"no2\": {\"min\": 5, \"max\": 1}}}", "min ≤ max" },
        { "profile", "{\"id\": \"p\", \"rules\": [{\"rule\": \"shuffle\"}]}", "shuffle" },
        { "source", "{\"kind\": \"entities\", \"query\": {\"limit\": \"5\"}}", "'limit'" },
        { "metadata", "{\"title\": {\"en\": \"only English\"}, \"description\": {\"de\": \"x\"}, \"publisher\": {\"name\": \"x\"}}", "German" },
        { "colour", "\"blue\"", "'colour'" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_is_refused_with_its_name_and_nothing_is_stored(string member, string value, string named)
    {
        await using var broker = await TestBroker.StartAsync();
        var id = NewId("wrong");
        var document = Upload(id);
        document[member] = JsonNode.Parse(value);

        var reply = await broker.Client.PostAsync(Datasets, document);

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Contains(named, reply.Object["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        (await broker.Client.GetAsync($"{Datasets}/{id}")).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Only_the_formats_asked_for_are_written_and_an_id_is_taken_once()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var id = NewId("formats");
        var document = Upload(id);
        document["formats"] = new JsonArray("parquet", "csv");
        await DefineAsync(client, document);
        (await client.PostAsync(Datasets, document)).ShouldBeProblem(409, "AlreadyExists");
        (await client.PutAsync($"{Datasets}/{id}", Upload(NewId("other")))).ShouldBeProblem(400, "BadRequestData");
        await UploadAsync(client, id, "a\n1\n");

        var release = await PublishOkAsync(client, id);

        Assert.Equal(["csv", "parquet"], release["distributions"]!.AsArray().Select(d => d!["format"]!.GetValue<string>()));
        (await client.SendAsync(HttpMethod.Put, $"{Datasets}/{id}/source", "a\n1,2\n", "text/csv")).ShouldBeProblem(400, "BadRequestData");
        (await client.SendAsync(HttpMethod.Put, $"{Datasets}/{id}/source", "{}", "application/json")).ShouldBeProblem(415, "InvalidRequest");
    }
}
