using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>Entity ids that are not URIs and attribute or type names with forbidden characters are refused with 400, changing nothing.</summary>
public sealed class InvalidNamesTests(TargetFixture fixture) : IClassFixture<TargetFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Theory]
    [InlineData("\"not a uri\"")]
    [InlineData("\"plainword\"")]
    [InlineData("\"urn:ngsi-ld:Thing:with space\"")]
    [InlineData("\"urn:ngsi-ld:Thing:<script>\"")]
    [InlineData("\"urn:ngsi-ld:Thing:x';DROP TABLE entities;--\"")]
    [InlineData("\"\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("[\"urn:a:1\"]")]
    public async Task Entity_id_that_is_not_a_URI_answers_400(string id)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, $$"""{"id":{{id}},"type":"Thing"}""", NgsiClient.Json);

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Entity_id_longer_than_2048_characters_answers_400()
    {
        var reply = await _client.CreateAsync(TestData.Parse($$"""{"id":"urn:ngsi-ld:Thing:{{new string('a', 3000)}}","type":"Thing"}"""));

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Theory]
    [InlineData("na me")]
    [InlineData("a<b")]
    [InlineData("a\"b")]
    [InlineData("x=1")]
    [InlineData("a;b")]
    [InlineData("(a)")]
    [InlineData("a'b")]
    [InlineData("")]
    public async Task Attribute_name_with_forbidden_characters_answers_400(string name)
    {
        var before = StoreSnapshot.Take(fixture.Broker);
        var body = new JsonObject { ["id"] = TestData.NewId(), ["type"] = "Thing", [name] = 1 };

        var create = await _client.CreateAsync(body);
        var append = await _client.PostAsync(NgsiClient.EntityPath(TargetFixture.TargetId) + "/attrs", new JsonObject { [name] = 1 });

        create.ShouldBeProblem(400, "BadRequestData");
        append.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Theory]
    [InlineData("\"Thing with space\"")]
    [InlineData("\"\"")]
    [InlineData("[]")]
    [InlineData("5")]
    [InlineData("[\"Thing\",5]")]
    public async Task Entity_type_that_is_not_a_name_answers_400(string type)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, $$"""{"id":"{{TestData.NewId()}}","type":{{type}}}""", NgsiClient.Json);

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Theory]
    [InlineData("not-a-uri")]
    [InlineData("urn:ngsi-ld:Thing:a%20b")]
    public async Task Invalid_ids_in_the_path_answer_400_on_every_entity_endpoint(string id)
    {
        var before = StoreSnapshot.Take(fixture.Broker);
        var path = $"{NgsiClient.Entities}/{id}";

        (await _client.GetAsync(path)).ShouldBeProblem(400, "BadRequestData");
        (await _client.DeleteAsync(path)).ShouldBeProblem(400, "BadRequestData");
        (await _client.PatchAsync(path, TestData.Parse("""{"a":1}"""))).ShouldBeProblem(400, "BadRequestData");
        (await _client.PutAsync(path, TestData.Parse("""{"type":"Thing"}"""))).ShouldBeProblem(400, "BadRequestData");
        (await _client.PostAsync(path + "/attrs", TestData.Parse("""{"a":1}"""))).ShouldBeProblem(400, "BadRequestData");
        (await _client.DeleteAsync(path + "/attrs/a")).ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Theory]
    [InlineData("""{"type":"Relationship","object":"not a uri"}""")]
    [InlineData("""{"type":"Relationship","object":5}""")]
    [InlineData("""{"type":"Relationship","object":[]}""")]
    [InlineData("""{"type":"Propperty","value":1}""")]
    [InlineData("""{"type":"Property"}""")]
    [InlineData("""{"type":5,"value":1}""")]
    [InlineData("""{"type":"Property","value":1,"object":"urn:a:1"}""")]
    [InlineData("""{"type":"GeoProperty","value":"POINT(8 49)"}""")]
    [InlineData("""{"type":"ListRelationship","objectList":"urn:a:1"}""")]
    [InlineData("""{"type":"ListRelationship","objectList":[{"object":5}]}""")]
    [InlineData("""{"type":"VocabProperty","vocab":5}""")]
    [InlineData("""{"type":"JsonProperty","json":5}""")]
    [InlineData("""{"type":"LanguageProperty","languageMap":"de"}""")]
    [InlineData("""{"type":"ListProperty","valueList":{"a":1}}""")]
    [InlineData("""{"type":"Relationship","object":"urn:a:1","objectType":5}""")]
    [InlineData("""{"type":"Property","value":1,"lang":5}""")]
    [InlineData("""{"type":"Property","value":1,"sub":null}""")]
    [InlineData("null")]
    [InlineData("\"urn:ngsi-ld:null\"")]
    public async Task Malformed_attribute_answers_400(string attribute)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, $$"""{"id":"{{TestData.NewId()}}","type":"Thing","a":{{attribute}}}""", NgsiClient.Json);

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Theory]
    [InlineData("\"nope\"")]
    [InlineData("5")]
    [InlineData("\"/a//b\"")]
    [InlineData("\"/a/\"")]
    public async Task Malformed_scope_answers_400(string scope)
    {
        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, $$"""{"id":"{{TestData.NewId()}}","type":"Thing","scope":{{scope}}}""", NgsiClient.Json);

        reply.ShouldBeProblem(400, "BadRequestData");
    }
}
