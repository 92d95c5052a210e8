using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Queries;

/// <summary>GET /entities by id, idPattern, type expression (clause 4.17) and attrs.</summary>
public sealed class EntitySelectionTests(SensorDataFixture fixture) : IClassFixture<SensorDataFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private async Task<string[]> MatchAsync(params (string, string)[] parameters) =>
        (await _client.QueryIdsAsync([.. parameters, ("limit", "100")])).Select(id => id["urn:ngsi-ld:Device:".Length..]).Order().ToArray();

    [Theory]
    [InlineData("Sensor", "s1,s2,s3,s4,x6")]
    [InlineData("Actuator", "a5,x6")]
    [InlineData("Sensor,Actuator", "a5,s1,s2,s3,s4,x6")]
    [InlineData("Sensor|Actuator", "a5,s1,s2,s3,s4,x6")]
    [InlineData("Sensor;Actuator", "x6")]
    [InlineData("(Sensor;Actuator)|Unknown", "x6")]
    [InlineData("Unknown", "")]
    public async Task Type_expressions_select_by_any_or_all_types(string type, string expected)
    {
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), await MatchAsync(("type", type)));
    }

    [Fact]
    public async Task Id_list_selects_exactly_those_entities()
    {
        Assert.Equal(["s1", "s3"], await MatchAsync(("id", $"{SensorDataFixture.Id("s1")},{SensorDataFixture.Id("s3")},urn:ngsi-ld:Device:none"), ("type", "Sensor")));
    }

    [Fact]
    public async Task Id_or_idPattern_alone_is_not_enough_to_query()
    {
        (await _client.QueryAsync(("id", SensorDataFixture.Id("s1")))).ShouldBeProblem(400, "BadRequestData");
        (await _client.QueryAsync(("idPattern", ".*"))).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Id_combined_with_type_must_match_both()
    {
        Assert.Equal(["x6"], await MatchAsync(("id", $"{SensorDataFixture.Id("a5")},{SensorDataFixture.Id("x6")}"), ("type", "Sensor")));
    }

    [Theory]
    [InlineData("^urn:ngsi-ld:Device:s[12]$", "s1,s2")]
    [InlineData("Device:(a|x)", "a5,x6")]
    [InlineData(".*", "a5,s1,s2,s3,s4,x6")]
    public async Task IdPattern_selects_ids_by_regular_expression(string pattern, string expected)
    {
        Assert.Equal(expected.Split(','), await MatchAsync(("idPattern", pattern), ("type", "Sensor,Actuator")));
    }

    [Fact]
    public async Task IdPattern_that_is_not_a_regular_expression_answers_400()
    {
        (await _client.QueryAsync(("idPattern", "(unclosed"), ("type", "Sensor"))).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Id_that_is_not_a_uri_answers_400()
    {
        (await _client.QueryAsync(("id", "not a uri"), ("type", "Sensor"))).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Attrs_selects_entities_having_one_of_them_and_returns_only_those_attributes()
    {
        var reply = await _client.QueryAsync(("attrs", "power"), ("limit", "100"));

        reply.ShouldHaveStatus(200);
        Assert.Equal(["urn:ngsi-ld:Device:a5", "urn:ngsi-ld:Device:x6"], reply.Array.Select(e => e!["id"]!.GetValue<string>()).Order());
        Assert.All(reply.Array, e => Assert.Equal(["id", "power", "type"], e!.AsObject().Select(kv => kv.Key).Order()));
    }

    [Fact]
    public async Task Type_with_a_forbidden_character_answers_400()
    {
        (await _client.QueryAsync(("type", "Sensor<script>"))).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Type_with_unbalanced_parentheses_answers_400()
    {
        (await _client.QueryAsync(("type", "(Sensor;Actuator"))).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Query_without_any_selector_answers_400()
    {
        (await _client.QueryAsync("")).ShouldBeProblem(400, "BadRequestData");
        (await _client.QueryAsync("limit=5")).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Q_and_type_and_attrs_are_combined_with_and()
    {
        Assert.Equal(["x6"], await MatchAsync(("type", "Actuator"), ("q", "temperature<20")));
    }
}
