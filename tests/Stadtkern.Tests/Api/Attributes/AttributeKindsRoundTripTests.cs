using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Attributes;

/// <summary>Every NGSI-LD attribute type (clause 4.5) is stored and given back unchanged, normalized and through its concise form.</summary>
public sealed class AttributeKindsRoundTripTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    public static TheoryData<string, string> Kinds() => new()
    {
        { "number Property", """{"type":"Property","value":21.5}""" },
        { "string Property", """{"type":"Property","value":"Luisenplatz"}""" },
        { "boolean Property", """{"type":"Property","value":true}""" },
        { "object Property", """{"type":"Property","value":{"street":"Rheinstraße 1","zip":"64283","floors":[1,2]}}""" },
        { "array Property", """{"type":"Property","value":[1,"two",false]}""" },
        { "Relationship", """{"type":"Relationship","object":"urn:ngsi-ld:Building:b1"}""" },
        { "Relationship with objectType", """{"type":"Relationship","object":"urn:ngsi-ld:Building:b1","objectType":"Building"}""" },
        { "Point GeoProperty", """{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.6512,49.8728]}}""" },
        { "Polygon GeoProperty", """{"type":"GeoProperty","value":{"type":"Polygon","coordinates":[[[8.6,49.8],[8.7,49.8],[8.7,49.9],[8.6,49.9],[8.6,49.8]]]}}""" },
        { "LineString GeoProperty", """{"type":"GeoProperty","value":{"type":"LineString","coordinates":[[8.6,49.8],[8.7,49.9]]}}""" },
        { "LanguageProperty", """{"type":"LanguageProperty","languageMap":{"de":"Marktplatz","en":"market square"}}""" },
        { "VocabProperty", """{"type":"VocabProperty","vocab":"Active"}""" },
        { "VocabProperty list", """{"type":"VocabProperty","vocab":["Active","Certified"]}""" },
        { "JsonProperty", """{"type":"JsonProperty","json":{"rules":[{"max":5,"id":"x","type":"y"}],"note":null}}""" },
        { "ListProperty", """{"type":"ListProperty","valueList":[3,1,2,"three"]}""" },
        { "ListRelationship", """{"type":"ListRelationship","objectList":[{"object":"urn:ngsi-ld:Stop:2"},{"object":"urn:ngsi-ld:Stop:1"}]}""" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Normalized_attribute_is_retrieved_exactly_as_sent(string kind, string attribute)
    {
        var id = TestData.NewId();
        var sent = JsonNode.Parse(attribute)!;
        var entity = new JsonObject { ["id"] = id, ["type"] = "Thing", ["attr"] = sent.DeepClone() };

        (await _client.CreateAsync(entity)).ShouldHaveStatus(201);

        var got = (await _client.RetrieveOkAsync(id))["attr"];
        Assert.True(TestData.Same(sent, got), $"{kind}: sent {sent.ToJsonString()}, got {got?.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Concise_form_sent_back_creates_the_same_normalized_attribute(string kind, string attribute)
    {
        var first = TestData.NewId();
        var sent = JsonNode.Parse(attribute)!;
        await _client.CreateOkAsync(new JsonObject { ["id"] = first, ["type"] = "Thing", ["attr"] = sent.DeepClone() });
        var concise = await _client.RetrieveOkAsync(first, "format=concise");

        var second = TestData.NewId();
        concise["id"] = second;
        var reply = await _client.CreateAsync(concise);

        reply.ShouldHaveStatus(201);
        var got = (await _client.RetrieveOkAsync(second))["attr"];
        Assert.True(TestData.Same(sent, got), $"{kind}: concise {concise["attr"]?.ToJsonString()} came back as {got?.ToJsonString()}");
    }

    public static TheoryData<string, string, string> KeyValues() => new()
    {
        { "Property", """{"type":"Property","value":21.5}""", "21.5" },
        { "object Property", """{"type":"Property","value":{"a":1}}""", """{"a":1}""" },
        { "Relationship", """{"type":"Relationship","object":"urn:ngsi-ld:Building:b1"}""", "\"urn:ngsi-ld:Building:b1\"" },
        { "GeoProperty", """{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.65,49.87]}}""", """{"type":"Point","coordinates":[8.65,49.87]}""" },
        { "LanguageProperty", """{"type":"LanguageProperty","languageMap":{"de":"Markt"}}""", """{"languageMap":{"de":"Markt"}}""" },
        { "ListProperty", """{"type":"ListProperty","valueList":[1,2]}""", "[1,2]" },
        { "ListRelationship", """{"type":"ListRelationship","objectList":[{"object":"urn:a:1"},{"object":"urn:a:2"}]}""", """["urn:a:1","urn:a:2"]""" },
    };

    [Theory]
    [MemberData(nameof(KeyValues))]
    public async Task KeyValues_form_gives_the_bare_value(string kind, string attribute, string expected)
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(new JsonObject { ["id"] = id, ["type"] = "Thing", ["attr"] = JsonNode.Parse(attribute) });

        var got = (await _client.RetrieveOkAsync(id, "options=keyValues"))["attr"];

        Assert.True(TestData.Same(JsonNode.Parse(expected), got), $"{kind}: expected {expected}, got {got?.ToJsonString()}");
    }
}
