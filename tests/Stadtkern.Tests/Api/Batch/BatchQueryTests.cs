using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Batch;

/// <summary>POST /entityOperations/query (clause 5.7.2 with a Query body, 5.2.23).</summary>
public sealed class BatchQueryTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;
    private const string Path = "ngsi-ld/v1/entityOperations/query";

    private async Task<(string Type, string Cold, string Warm)> SeedAsync()
    {
        var type = TestData.NewType();
        var cold = TestData.NewId();
        var warm = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(cold, type, 5));
        await _client.CreateOkAsync(TestData.Entity(warm, type, 25));
        return (type, cold, warm);
    }

    [Fact]
    public async Task Query_body_with_entity_selector_and_q_answers_200_with_the_matches()
    {
        var (type, _, warm) = await SeedAsync();

        var reply = await _client.PostAsync(Path, TestData.Parse($$"""{"type":"Query","entities":[{"type":"{{type}}"}],"q":"temperature>20"}"""));

        reply.ShouldHaveStatus(200);
        Assert.Equal([warm], reply.Array.Select(e => e!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Query_body_attrs_limit_the_attributes_returned()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","a":1,"b":2}"""));

        var reply = await _client.PostAsync(Path, TestData.Parse($$"""{"type":"Query","entities":[{"id":"{{id}}"}],"attrs":["b"]}"""));

        var entity = Assert.Single(reply.ShouldHaveStatus(200).Array)!;
        Assert.Null(entity["a"]);
        Assert.NotNull(entity["b"]);
    }

    [Fact]
    public async Task Query_body_with_count_gives_the_results_count_header()
    {
        var (type, _, _) = await SeedAsync();

        var reply = await _client.PostAsync(Path + "?count=true&limit=1", TestData.Parse($$"""{"type":"Query","entities":[{"type":"{{type}}"}]}"""));

        reply.ShouldHaveStatus(200);
        Assert.Equal("2", reply.Header("NGSILD-Results-Count"));
        Assert.Single(reply.Array);
    }

    [Fact]
    public async Task Query_body_with_a_geoQ_finds_entities_near_a_point()
    {
        var type = TestData.NewType();
        var near = TestData.NewId();
        var far = TestData.NewId();
        await _client.CreateOkAsync(new JsonObject { ["id"] = near, ["type"] = type, ["location"] = TestData.Point(8.6512, 49.8728) });
        await _client.CreateOkAsync(new JsonObject { ["id"] = far, ["type"] = type, ["location"] = TestData.Point(8.7512, 49.8728) });

        var reply = await _client.PostAsync(Path, TestData.Parse($$"""
            {"type":"Query","entities":[{"type":"{{type}}"}],"geoQ":{"georel":"near;maxDistance==500","geometry":"Point","coordinates":[8.6515,49.8730]} }
            """));

        Assert.Equal([near], reply.ShouldHaveStatus(200).Array.Select(e => e!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Body_whose_type_is_not_Query_answers_400()
    {
        var reply = await _client.PostAsync(Path, TestData.Parse("""{"type":"Subscription","entities":[{"type":"Thing"}]}"""));

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Query_body_with_a_malformed_q_answers_400()
    {
        var reply = await _client.PostAsync(Path, TestData.Parse("""{"type":"Query","entities":[{"type":"Thing"}],"q":"temperature>>"}"""));

        reply.ShouldBeProblem(400, "BadRequestData");
    }
}
