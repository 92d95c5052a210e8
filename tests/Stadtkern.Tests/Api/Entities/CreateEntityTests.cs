using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Entities;

/// <summary>POST /entities (clause 5.6.1).</summary>
public sealed class CreateEntityTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Create_answers_201_with_the_location_of_the_new_entity()
    {
        var id = TestData.NewId("Building");

        var reply = await _client.CreateAsync(TestData.Entity(id, "Building"));

        reply.ShouldHaveStatus(201);
        var location = reply.Headers.Location?.OriginalString ?? "";
        Assert.Equal($"/ngsi-ld/v1/entities/{id}", Uri.UnescapeDataString(location));
        Assert.Equal("", reply.Body);
    }

    /// <summary>Ids are IRIs and may hold non-ASCII characters; the Location header must still be a valid (percent-encoded) header value.</summary>
    [Fact]
    public async Task Create_with_a_non_ASCII_id_answers_201_with_a_location_naming_it()
    {
        var id = $"urn:ngsi-ld:Straße:Hügel-{Guid.NewGuid():N}";

        var reply = await _client.CreateAsync(TestData.Entity(id, "Street"));
        var stored = await _client.RetrieveAsync(id);

        Assert.True(reply.Status == 201 || stored.Status == 404, $"The create answered {reply.Status} although the entity was stored.");
        reply.ShouldHaveStatus(201);
        Assert.Equal($"/ngsi-ld/v1/entities/{id}", Uri.UnescapeDataString(reply.Headers.Location?.OriginalString ?? ""));
    }

    [Fact]
    public async Task Created_entity_is_retrieved_with_its_id_type_and_attributes()
    {
        var id = TestData.NewId("Building");
        await _client.CreateOkAsync(TestData.Entity(id, "Building", 21.5));

        var entity = await _client.RetrieveOkAsync(id);

        Assert.Equal(id, entity["id"]!.GetValue<string>());
        Assert.Equal("Building", entity["type"]!.GetValue<string>());
        Assert.True(TestData.Same(JsonNode.Parse("""{"type":"Property","value":21.5,"unitCode":"CEL"}"""), entity["temperature"]), entity.ToJsonString());
    }

    [Fact]
    public async Task Creating_an_id_that_exists_answers_409_AlreadyExists_and_keeps_the_first_entity()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 1));
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.CreateAsync(TestData.Entity(id, "Thing", 2));

        reply.ShouldBeProblem(409, "AlreadyExists");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
        Assert.Equal(1, TestData.ValueOf(await _client.RetrieveOkAsync(id), "temperature")!.GetValue<double>());
    }

    [Fact]
    public async Task Entity_without_type_is_refused_with_400_BadRequestData()
    {
        var id = TestData.NewId();

        var reply = await _client.CreateAsync(TestData.Parse($$"""{"id":"{{id}}","name":{"type":"Property","value":"x"} }"""));

        reply.ShouldBeProblem(400, "BadRequestData");
        (await _client.RetrieveAsync(id)).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Entity_without_id_is_refused_with_400_BadRequestData()
    {
        var reply = await _client.CreateAsync(TestData.Parse("""{"type":"Thing","name":{"type":"Property","value":"x"}}"""));

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Entity_with_several_types_keeps_them_all()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":["Shop","Building"]}"""));

        var entity = await _client.RetrieveOkAsync(id);

        Assert.Equal(["Shop", "Building"], entity["type"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task Concise_attributes_are_stored_as_normalized_properties_and_relationships()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing","name":"Luisenplatz","floors":4,"owner":{"object":"urn:ngsi-ld:Person:1"} }
            """));

        var entity = await _client.RetrieveOkAsync(id);

        Assert.True(TestData.Same(JsonNode.Parse("""{"type":"Property","value":"Luisenplatz"}"""), entity["name"]), entity.ToJsonString());
        Assert.True(TestData.Same(JsonNode.Parse("""{"type":"Property","value":4}"""), entity["floors"]), entity.ToJsonString());
        Assert.True(TestData.Same(JsonNode.Parse("""{"type":"Relationship","object":"urn:ngsi-ld:Person:1"}"""), entity["owner"]), entity.ToJsonString());
    }

    [Fact]
    public async Task Entity_sent_as_ld_json_with_the_core_context_is_created()
    {
        var id = TestData.NewId();
        var body = TestData.Entity(id, "Thing");
        body["@context"] = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";

        var reply = await _client.CreateAsync(body, NgsiClient.LdJson);

        reply.ShouldHaveStatus(201);
        Assert.Equal("Thing", (await _client.RetrieveOkAsync(id))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Entity_with_a_scope_keeps_it()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","scope":"/Darmstadt/Mitte"}"""));

        var entity = await _client.RetrieveOkAsync(id);

        Assert.Equal("/Darmstadt/Mitte", entity["scope"]!.GetValue<string>());
    }
}
