using System.Text.Json.Nodes;

namespace Stadtkern.Conformance.Tests.Unit;

public sealed class JsonPathTests
{
    [Fact]
    public void Reads_members_elements_and_quoted_names()
    {
        var doc = JsonNode.Parse("""{"a":{"b":[10,{"c":"x"}]},"@context":["u"],"d.e":1}""");
        Assert.True(JsonPath.TryGet(doc, "$.a.b[1].c", out var c));
        Assert.Equal("x", (string?)c);
        Assert.True(JsonPath.TryGet(doc, "$.@context[0]", out var u));
        Assert.Equal("u", (string?)u);
        Assert.True(JsonPath.TryGet(doc, "$['d.e']", out var de));
        Assert.Equal(1, (int?)de);
        Assert.False(JsonPath.TryGet(doc, "$.a.b[5]", out _));
        Assert.False(JsonPath.TryGet(doc, "$.nope", out _));
    }

    [Fact]
    public void Sets_and_removes()
    {
        var doc = JsonNode.Parse("""{"a":[1,2]}""")!;
        JsonPath.Set(doc, "$.b.c", JsonValue.Create(3));
        JsonPath.Set(doc, "$.a[0]", JsonValue.Create(9));
        Assert.True(JsonPath.Remove(doc, "$.a[1]"));
        Assert.False(JsonPath.Remove(doc, "$.zz"));
        Assert.Equal("""{"a":[9],"b":{"c":3}}""", doc.ToJsonString());
    }

    [Fact]
    public void Sets_every_id()
    {
        var doc = JsonNode.Parse("""{"id":"x","l":[{"id":"y","o":{"id":"z"}}]}""");
        JsonPath.SetAllIds(doc, "new");
        Assert.Equal("""{"id":"new","l":[{"id":"new","o":{"id":"new"}}]}""", doc!.ToJsonString());
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("$..a")]
    [InlineData("$[x]")]
    public void Refuses_other_syntax(string path) => Assert.Throws<FormatException>(() => JsonPath.Parse(path));
}
