using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Query;

namespace Stadtkern.Tests.Query;

/// <summary>The scope query language (clause 4.19).</summary>
public sealed class ScopeQueryTests
{
    private static JsonObject Scoped(params string[] scopes) => new() { ["scope"] = new JsonArray(scopes.Select(s => (JsonNode)s).ToArray()) };

    [Theory]
    [InlineData("/Madrid", "/Madrid", true)]
    [InlineData("/Madrid", "/Madrid/Gardens", false)]
    [InlineData("/Madrid/Gardens", "/Madrid", false)]
    [InlineData("/Madrid/+", "/Madrid/Gardens", true)]
    [InlineData("/Madrid/+", "/Madrid", false)]
    [InlineData("/Madrid/+", "/Madrid/Gardens/ParqueNorte", false)]
    [InlineData("/Madrid/#", "/Madrid", true)]
    [InlineData("/Madrid/#", "/Madrid/Gardens/ParqueNorte", true)]
    [InlineData("/Madrid/#", "/Madridista", false)]
    [InlineData("/+/Gardens", "/Madrid/Gardens", true)]
    [InlineData("/+/Gardens", "/Madrid/Streets", false)]
    [InlineData("/#", "/Anything/At/All", true)]
    public void Single_terms_match_as_the_spec_defines(string query, string scope, bool expected)
    {
        Assert.Equal(expected, ScopeQuery.Parse(query).Matches(Scoped(scope)));
    }

    [Theory]
    [InlineData("/Madrid,/Berlin", true)]
    [InlineData("/Madrid|/Berlin", true)]
    [InlineData("/Madrid;/Berlin", false)]
    [InlineData("/Madrid;/Events/Market", true)]
    [InlineData("/Berlin;/Events/Market|/Madrid", true)]
    public void Alternatives_and_conjunctions_combine_over_all_scopes_of_the_entity(string query, bool expected)
    {
        Assert.Equal(expected, ScopeQuery.Parse(query).Matches(Scoped("/Madrid", "/Events/Market")));
    }

    [Fact]
    public void Entity_without_scope_never_matches()
    {
        Assert.False(ScopeQuery.Parse("/#").Matches(new JsonObject()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Madrid")]
    [InlineData("/Madrid/")]
    [InlineData("/Madrid//Gardens")]
    [InlineData("/Mad rid")]
    [InlineData("/Madrid'")]
    [InlineData("/Madrid,")]
    public void Malformed_scope_queries_are_BadRequestData(string query)
    {
        Assert.Equal(ErrorType.BadRequestData, Assert.Throws<NgsiLdException>(() => ScopeQuery.Parse(query)).Type);
    }

    [Fact]
    public void Scope_query_longer_than_1024_characters_is_refused()
    {
        Assert.Throws<NgsiLdException>(() => ScopeQuery.Parse("/" + new string('a', 2000)));
    }
}
