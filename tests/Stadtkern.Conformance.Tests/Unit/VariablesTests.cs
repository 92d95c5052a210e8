namespace Stadtkern.Conformance.Tests.Unit;

public sealed class VariablesTests
{
    private static readonly Dictionary<string, string> Vars = new() { ["id"] = "urn:ngsi-ld:Building:1", ["url"] = "http://h/a b?c" };

    [Fact]
    public void Substitutes_known_names_and_encodes_on_request()
    {
        Assert.Equal("entities/urn:ngsi-ld:Building:1", Variables.Substitute("entities/{id}", Vars, strict: true));
        Assert.Equal("x/http%3A%2F%2Fh%2Fa%20b%3Fc", Variables.Substitute("x/{url|url}", Vars, strict: true));
    }

    [Fact]
    public void Leaves_json_braces_alone_unless_strict()
    {
        const string json = """{"id":"{id}","x":{"y":1},"z":"{unknown}"}""";
        Assert.Equal("""{"id":"urn:ngsi-ld:Building:1","x":{"y":1},"z":"{unknown}"}""", Variables.Substitute(json, Vars, strict: false));
        Assert.Throws<Variables.MissingException>(() => Variables.Substitute("{unknown}", Vars, strict: true));
    }

    [Theory]
    [InlineData("http://h/ngsi-ld/v1/jsonldContexts/abc", "abc")]
    [InlineData("/ngsi-ld/v1/jsonldContexts/abc/", "abc")]
    [InlineData("abc?x=/y", "abc")]
    public void Last_segment_of_a_location(string url, string expected) => Assert.Equal(expected, Capture.LastSegment(url));

    [Fact]
    public void Context_urls_are_rewritten_longest_first()
    {
        var map = new ContextUrlMap().Add("https://a/", "http://local/a/").Add("https://a/b/c.jsonld", "http://local/special");
        Assert.Equal("[\"http://local/special\",\"http://local/a/d.jsonld\"]", map.Rewrite("[\"https://a/b/c.jsonld\",\"https://a/d.jsonld\"]"));
    }
}
