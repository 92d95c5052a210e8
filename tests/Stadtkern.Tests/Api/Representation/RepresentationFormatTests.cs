using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Representation;

/// <summary>Normalized, concise and keyValues representations (clause 4.5), chosen by <c>options=</c> or <c>format=</c> (format wins).</summary>
public sealed class RepresentationFormatTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private async Task<string> CreateAsync()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing",
             "temperature":{"type":"Property","value":20.5,"unitCode":"CEL"},
             "name":{"type":"Property","value":"Turm"},
             "owner":{"type":"Relationship","object":"urn:ngsi-ld:Person:1"} }
            """));
        return id;
    }

    [Theory]
    [InlineData("options=keyValues")]
    [InlineData("format=keyValues")]
    [InlineData("format=simplified")]
    [InlineData("options=simplified")]
    public async Task KeyValues_gives_bare_values(string query)
    {
        var id = await CreateAsync();

        var entity = await _client.RetrieveOkAsync(id, query);

        var expected = JsonNode.Parse($$"""{"id":"{{id}}","type":"Thing","temperature":20.5,"name":"Turm","owner":"urn:ngsi-ld:Person:1"}""");
        Assert.True(TestData.Same(expected, entity), entity.ToJsonString());
    }

    [Theory]
    [InlineData("options=concise")]
    [InlineData("format=concise")]
    public async Task Concise_drops_types_and_collapses_plain_properties(string query)
    {
        var id = await CreateAsync();

        var entity = await _client.RetrieveOkAsync(id, query);

        var expected = JsonNode.Parse($$"""
            {"id":"{{id}}","type":"Thing","temperature":{"value":20.5,"unitCode":"CEL"},"name":"Turm","owner":{"object":"urn:ngsi-ld:Person:1"} }
            """);
        Assert.True(TestData.Same(expected, entity), entity.ToJsonString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("options=normalized")]
    [InlineData("format=normalized")]
    [InlineData("format=normalized&options=keyValues")]
    public async Task Normalized_is_the_default_and_format_wins_over_options(string query)
    {
        var id = await CreateAsync();

        var entity = await _client.RetrieveOkAsync(id, query);

        Assert.Equal("Property", entity["temperature"]!["type"]!.GetValue<string>());
        Assert.Equal("Relationship", entity["owner"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task KeyValues_applies_to_every_entity_of_a_query()
    {
        var type = TestData.NewType();
        await _client.CreateOkAsync(TestData.Entity(TestData.NewId(), type, 1));
        await _client.CreateOkAsync(TestData.Entity(TestData.NewId(), type, 2));

        var reply = await _client.QueryAsync(("type", type), ("options", "keyValues"));

        reply.ShouldHaveStatus(200);
        Assert.Equal([1.0, 2.0], reply.Array.Select(e => e!["temperature"]!.GetValue<double>()).Order());
    }

    [Theory]
    [InlineData("format=pretty")]
    [InlineData("options=fancy")]
    public async Task Unknown_format_or_option_answers_400_InvalidRequest(string query)
    {
        var id = await CreateAsync();

        (await _client.RetrieveAsync(id, query)).ShouldBeProblem(400, "InvalidRequest");
    }
}
