using System.Text.Json.Nodes;
using Stadtkern.JsonLd;

namespace Stadtkern.Tests.JsonLd;

/// <summary>Expansion and compaction of names with the core context and user contexts.</summary>
public sealed class JsonLdContextTests
{
    private const string Vocab = "https://uri.etsi.org/ngsi-ld/default-context/";

    private static JsonLdContext With(string json) => JsonLdContext.Build([(JsonObject)JsonNode.Parse(json)!], null);

    [Theory]
    [InlineData("location", "https://uri.etsi.org/ngsi-ld/location")]
    [InlineData("observedAt", "https://uri.etsi.org/ngsi-ld/observedAt")]
    [InlineData("Property", "https://uri.etsi.org/ngsi-ld/Property")]
    [InlineData("Point", "https://purl.org/geojson/vocab#Point")]
    public void Core_terms_expand_to_their_IRIs_and_compact_back(string term, string iri)
    {
        Assert.Equal(iri, JsonLdContext.Core.Expand(term));
        Assert.Equal(term, JsonLdContext.Core.Compact(iri));
    }

    [Fact]
    public void Unknown_terms_use_the_default_vocabulary_both_ways()
    {
        Assert.Equal(Vocab + "temperature", JsonLdContext.Core.Expand("temperature"));
        Assert.Equal("temperature", JsonLdContext.Core.Compact(Vocab + "temperature"));
    }

    [Fact]
    public void Absolute_IRIs_and_urns_stay_as_they_are()
    {
        Assert.Equal("https://example.org/speed", JsonLdContext.Core.Expand("https://example.org/speed"));
        Assert.Equal("urn:example:speed", JsonLdContext.Core.Expand("urn:example:speed"));
        Assert.Equal("https://example.org/speed", JsonLdContext.Core.Compact("https://example.org/speed"));
    }

    [Fact]
    public void User_terms_expand_and_are_preferred_for_compaction()
    {
        var context = With("""{"speed":"https://example.org/vehicle#speed","Bus":{"@id":"https://example.org/vehicle#Bus","@type":"@id"}}""");

        Assert.Equal("https://example.org/vehicle#speed", context.Expand("speed"));
        Assert.Equal("https://example.org/vehicle#Bus", context.Expand("Bus"));
        Assert.Equal("speed", context.Compact("https://example.org/vehicle#speed"));
        Assert.Equal("Bus", context.Compact("https://example.org/vehicle#Bus"));
    }

    [Fact]
    public void Prefixes_expand_compact_IRIs_and_terms_defined_with_them()
    {
        var context = With("""{"schema":"https://schema.org/","name":"schema:name"}""");

        Assert.Equal("https://schema.org/name", context.Expand("name"));
        Assert.Equal("https://schema.org/address", context.Expand("schema:address"));
        Assert.Equal("name", context.Compact("https://schema.org/name"));
        Assert.Equal("schema:address", context.Compact("https://schema.org/address"));
    }

    [Fact]
    public void A_user_vocab_replaces_the_default_vocabulary()
    {
        var context = With("""{"@vocab":"https://example.org/city#"}""");

        Assert.Equal("https://example.org/city#lamp", context.Expand("lamp"));
        Assert.Equal("lamp", context.Compact("https://example.org/city#lamp"));
        Assert.Equal("https://uri.etsi.org/ngsi-ld/location", context.Expand("location"));
    }

    [Fact]
    public void Core_terms_cannot_be_redefined_by_a_user_context()
    {
        var context = With("""{"location":"https://example.org/myLocation","observedAt":"https://example.org/when"}""");

        Assert.Equal("https://uri.etsi.org/ngsi-ld/location", context.Expand("location"));
        Assert.Equal("https://uri.etsi.org/ngsi-ld/observedAt", context.Expand("observedAt"));
    }

    [Fact]
    public void Later_contexts_override_earlier_definitions()
    {
        var context = JsonLdContext.Build(
        [
            (JsonObject)JsonNode.Parse("""{"speed":"https://a.example/speed"}""")!,
            (JsonObject)JsonNode.Parse("""{"speed":"https://b.example/speed"}""")!,
        ], null);

        Assert.Equal("https://b.example/speed", context.Expand("speed"));
    }

    [Fact]
    public void Null_definition_removes_an_earlier_term()
    {
        var context = JsonLdContext.Build(
        [
            (JsonObject)JsonNode.Parse("""{"speed":"https://a.example/speed"}""")!,
            (JsonObject)JsonNode.Parse("""{"speed":null}""")!,
        ], null);

        Assert.Equal(Vocab + "speed", context.Expand("speed"));
    }

    [Fact]
    public void Expansion_is_stable_across_many_names()
    {
        var context = With("""{"a":"https://example.org/a"}""");

        for (var i = 0; i < 20_000; i++) Assert.Equal(Vocab + "n" + i, context.Expand("n" + i));
        Assert.Equal("https://example.org/a", context.Expand("a"));
    }
}
