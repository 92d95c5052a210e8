using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Queries;

/// <summary>GET /entities?q= (clause 4.9): comparisons, ranges, lists, patterns, nested paths and boolean structure.</summary>
public sealed class QueryLanguageTests(SensorDataFixture fixture) : IClassFixture<SensorDataFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private async Task<string[]> MatchAsync(string q) =>
        (await _client.QueryIdsAsync(("q", q), ("limit", "100"))).Select(id => id["urn:ngsi-ld:Device:".Length..]).Order().ToArray();

    [Theory]
    [InlineData("temperature>20", "s3,s4")]
    [InlineData("temperature>=20", "s2,s3,s4")]
    [InlineData("temperature<15", "s1")]
    [InlineData("temperature<=15", "s1,x6")]
    [InlineData("temperature==25.5", "s4")]
    [InlineData("temperature!=20", "s1,s3,s4,x6")]
    [InlineData("temperature==10..20", "s1,s2,x6")]
    [InlineData("temperature==10,30", "s1,s3")]
    [InlineData("status==\"ok\"", "s1,s3,s4")]
    [InlineData("status==\"ok\",\"broken\"", "s1,s2,s3,s4")]
    [InlineData("status!=\"ok\"", "s2")]
    [InlineData("name>\"beta\"", "s3,x6")]
    [InlineData("active==true", "s1")]
    [InlineData("active==false", "s2")]
    public async Task Comparisons_select_the_matching_entities(string q, string expected)
    {
        Assert.Equal(expected.Split(','), await MatchAsync(q));
    }

    [Theory]
    [InlineData("name~=\"^alp\"", "s1")]
    [InlineData("name~=\"(?i)^alp\"", "s1,s4")]
    [InlineData("name~=\"a$\"", "s1,s2,s3,x6")]
    [InlineData("name!~=\"a\"", "")]
    public async Task Patterns_match_strings_by_regular_expression(string q, string expected)
    {
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), await MatchAsync(q));
    }

    [Theory]
    [InlineData("address[city]==\"Darmstadt\"", "s1,s3")]
    [InlineData("address[zip]~=\"^642\"", "s1,s3")]
    [InlineData("speed.accuracy<1", "s1")]
    [InlineData("temperature.observedAt>=2026-01-15T00:00:00Z", "s2")]
    [InlineData("controlledBy==\"urn:ngsi-ld:Controller:1\"", "s1")]
    [InlineData("controlledBy==urn:ngsi-ld:Controller:2", "s2")]
    [InlineData("tags==\"c\"", "s2")]
    [InlineData("tags==\"b\"", "s1,s2")]
    public async Task Nested_paths_reach_into_values_sub_attributes_and_lists(string q, string expected)
    {
        Assert.Equal(expected.Split(','), await MatchAsync(q));
    }

    [Theory]
    [InlineData("installed==2026-06-01T12:00:00Z", "s3")]
    [InlineData("installed>2026-01-01T00:00:00Z", "s2,s3")]
    [InlineData("installed<2026-01-01T00:00:00Z", "s1")]
    [InlineData("installed==2025-01-01T00:00:00Z..2026-04-01T00:00:00Z", "s1,s2")]
    public async Task DateTimes_compare_as_instants(string q, string expected)
    {
        Assert.Equal(expected.Split(','), await MatchAsync(q));
    }

    [Theory]
    [InlineData("tags", "s1,s2")]
    [InlineData("power", "a5,x6")]
    [InlineData("speed.accuracy", "s1")]
    public async Task A_bare_attribute_name_selects_entities_that_have_it(string q, string expected)
    {
        Assert.Equal(expected.Split(','), await MatchAsync(q));
    }

    [Theory]
    [InlineData("status==\"ok\";temperature>20", "s3,s4")]
    [InlineData("status==\"broken\"|temperature>29", "s2,s3")]
    [InlineData("(status==\"broken\"|temperature>29);name==\"gamma\"", "s3")]
    [InlineData("status==\"broken\"|temperature>29;name==\"gamma\"", "s2,s3")]
    [InlineData("((temperature<12)|(temperature>28))", "s1,s3")]
    [InlineData("power==\"off\";temperature==15", "x6")]
    public async Task And_or_and_parentheses_combine_terms(string q, string expected)
    {
        Assert.Equal(expected.Split(','), await MatchAsync(q));
    }

    [Theory]
    [InlineData("temperature>>5")]
    [InlineData("(temperature>5")]
    [InlineData("temperature>5)")]
    [InlineData("temperature==")]
    [InlineData("==5")]
    [InlineData("name==\"unterminated")]
    [InlineData("name~=\"[\"")]
    [InlineData("address[]==1")]
    [InlineData("temp erature>5")]
    [InlineData("temperature>5;")]
    public async Task Malformed_q_answers_400_BadRequestData(string q)
    {
        (await _client.QueryAsync(("q", q))).ShouldBeProblem(400, "BadRequestData");
    }
}
