using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Entities;

/// <summary>GET /entities/{id} (clause 5.7.1): not found, invalid ids, type filter and content negotiation.</summary>
public sealed class RetrieveEntityTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Unknown_entity_answers_404_ResourceNotFound()
    {
        var reply = await _client.RetrieveAsync(TestData.NewId());

        reply.ShouldBeProblem(404, "ResourceNotFound");
    }

    [Theory]
    [InlineData("not-a-uri")]
    [InlineData("urn")]
    [InlineData("1:abc")]
    public async Task Id_that_is_not_a_uri_answers_400_BadRequestData(string id)
    {
        var reply = await _client.RetrieveAsync(id);

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Type_parameter_that_matches_returns_the_entity_and_one_that_does_not_answers_404()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Building"));

        (await _client.RetrieveAsync(id, "type=Building")).ShouldHaveStatus(200);
        (await _client.RetrieveAsync(id, "type=Vehicle")).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Json_response_names_the_context_in_a_Link_header_and_not_in_the_body()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        var reply = await _client.RetrieveAsync(id, accept: NgsiClient.Json);

        reply.ShouldHaveStatus(200);
        Assert.Equal(NgsiClient.Json, reply.MediaType);
        Assert.Contains("ngsi-ld-core-context", reply.Header("Link"));
        Assert.Contains(NgsiClient.ContextRel, reply.Header("Link"));
        Assert.Null(reply.Object["@context"]);
    }

    [Fact]
    public async Task Ld_json_response_carries_the_context_in_the_body()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        var reply = await _client.RetrieveAsync(id, accept: NgsiClient.LdJson);

        reply.ShouldHaveStatus(200);
        Assert.Equal(NgsiClient.LdJson, reply.MediaType);
        Assert.Contains("ngsi-ld-core-context", reply.Object["@context"]!.ToJsonString());
    }

    [Fact]
    public async Task Accept_that_cannot_be_produced_answers_406()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        var reply = await _client.RetrieveAsync(id, accept: "text/csv");

        reply.ShouldHaveStatus(406);
    }

    [Fact]
    public async Task Attrs_parameter_keeps_only_the_named_attributes()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","a":1,"b":2,"c":3}"""));

        var entity = await _client.RetrieveOkAsync(id, "attrs=a,c");

        Assert.NotNull(entity["a"]);
        Assert.Null(entity["b"]);
        Assert.NotNull(entity["c"]);
        Assert.Equal(id, entity["id"]!.GetValue<string>());
    }
}
