using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>Hostile query strings: SQL fragments, catastrophic regular expressions, deep nesting and huge inputs never reach the database as code, never crash, and change nothing.</summary>
public sealed class QueryInjectionTests(TargetFixture fixture) : IClassFixture<TargetFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Theory]
    [InlineData("name==\"x';DROP TABLE entities;--\"")]
    [InlineData("name==\"x\\\" OR 1=1 --\"")]
    [InlineData("name==\"') OR ('1'='1\"")]
    [InlineData("temperature==\"1; DELETE FROM entities\"")]
    [InlineData("name~=\"'; DROP TABLE entities; --\"")]
    public async Task SQL_in_a_quoted_q_value_is_just_a_string_that_matches_nothing(string q)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.QueryAsync(("type", "Thing"), ("q", q));

        reply.ShouldHaveStatus(200);
        Assert.Empty(reply.Array);
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
        (await _client.RetrieveAsync(TargetFixture.TargetId)).ShouldHaveStatus(200);
    }

    [Theory]
    [InlineData("name==x';DROP TABLE entities;--")]
    [InlineData("name==1 OR 1=1")]
    [InlineData("name;DROP TABLE entities")]
    [InlineData("temperature>1)--")]
    public async Task SQL_outside_quotes_is_a_syntax_error_and_changes_nothing(string q)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.QueryAsync(("type", "Thing"), ("q", q));

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Theory]
    [InlineData("id", "urn:ngsi-ld:Thing:x') OR 1=1 --")]
    [InlineData("type", "Thing' OR '1'='1")]
    [InlineData("attrs", "temperature) FROM entities; --")]
    [InlineData("georel", "near;maxDistance==1 OR 1=1")]
    [InlineData("scopeQ", "/a' OR '1'='1")]
    public async Task SQL_in_other_parameters_answers_400(string parameter, string value)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var extra = new List<(string, string)>();
        if (parameter == "georel") extra.AddRange([("geometry", "Point"), ("coordinates", "[8.65,49.87]")]);
        if (parameter != "type") extra.Add(("type", "Thing"));
        var reply = await _client.QueryAsync([(parameter, value), .. extra]);

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.DoesNotContain("needs at least one", reply.Body);
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task IdPattern_with_a_catastrophic_regular_expression_answers_without_crashing()
    {
        var reply = await _client.QueryAsync(("idPattern", "^(a+)+$"), ("type", "Thing"));

        reply.ShouldHaveStatus(200);
    }

    [Fact]
    public async Task Q_pattern_with_a_catastrophic_regular_expression_answers_without_crashing()
    {
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{TestData.NewId()}}","type":"Thing","name":"{{new string('a', 40)}}!"}"""));

        var reply = await _client.QueryAsync(("type", "Thing"), ("q", "name~=\"^(a+)+$\""));

        reply.ShouldHaveStatus(200);
    }

    [Fact]
    public async Task Deeply_nested_parentheses_answer_403_TooComplexQuery()
    {
        var q = new string('(', 40) + "temperature>1" + new string(')', 40);

        (await _client.QueryAsync(("type", "Thing"), ("q", q))).ShouldBeProblem(403, "TooComplexQuery");
    }

    [Fact]
    public async Task Thousands_of_nested_parentheses_do_not_crash_the_broker()
    {
        var q = new string('(', 3000) + "temperature>1" + new string(')', 3000);

        var reply = await _client.PostAsync("ngsi-ld/v1/entityOperations/query", new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "Query",
            ["entities"] = TestData.ParseArray("""[{"type":"Thing"}]"""),
            ["q"] = q,
        });

        reply.ShouldBeProblem(403, "TooComplexQuery");
        (await _client.RetrieveAsync(TargetFixture.TargetId)).ShouldHaveStatus(200);
    }

    [Fact]
    public async Task Nesting_within_the_limit_is_evaluated()
    {
        var q = new string('(', 10) + "temperature>1" + new string(')', 10);

        var ids = await _client.QueryIdsAsync(("id", TargetFixture.TargetId), ("q", q));

        Assert.Equal([TargetFixture.TargetId], ids);
    }

    [Fact]
    public async Task Q_longer_than_the_limit_answers_403_TooComplexQuery()
    {
        var q = "name==\"" + new string('x', 4200) + "\"";

        (await _client.QueryAsync(("type", "Thing"), ("q", q))).ShouldBeProblem(403, "TooComplexQuery");
    }

    [Fact]
    public async Task Huge_q_in_a_query_body_answers_403_TooComplexQuery()
    {
        var q = string.Join('|', Enumerable.Range(0, 20_000).Select(i => $"temperature=={i}"));

        var reply = await _client.PostAsync("ngsi-ld/v1/entityOperations/query", new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "Query",
            ["entities"] = TestData.ParseArray("""[{"type":"Thing"}]"""),
            ["q"] = q,
        });

        reply.ShouldBeProblem(403, "TooComplexQuery");
    }

    [Fact]
    public async Task Url_longer_than_the_server_accepts_is_refused_with_a_client_error()
    {
        var reply = await _client.QueryAsync(("type", "Thing"), ("q", "name==\"" + new string('x', 40_000) + "\""));

        reply.ShouldBeClientError();
    }
}
