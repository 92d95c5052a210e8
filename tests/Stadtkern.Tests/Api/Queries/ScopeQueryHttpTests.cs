using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Queries;

/// <summary>GET /entities?scopeQ= (clause 4.19): exact scopes, one level (+) and whole subtrees (#).</summary>
public sealed class ScopeQueryHttpTests(ScopeQueryHttpTests.ScopedFixture fixture) : IClassFixture<ScopeQueryHttpTests.ScopedFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    public sealed class ScopedFixture : BrokerFixture
    {
        protected override Task SeedAsync(NgsiClient client) => client.SeedAsync(
        [
            TestData.Parse("""{"id":"urn:ngsi-ld:Place:mitte","type":"Place","scope":"/Darmstadt/Mitte"}"""),
            TestData.Parse("""{"id":"urn:ngsi-ld:Place:bessungen","type":"Place","scope":"/Darmstadt/Bessungen"}"""),
            TestData.Parse("""{"id":"urn:ngsi-ld:Place:luisenplatz","type":"Place","scope":["/Darmstadt/Mitte/Luisenplatz","/Events/Market"]}"""),
            TestData.Parse("""{"id":"urn:ngsi-ld:Place:berlin","type":"Place","scope":"/Berlin"}"""),
            TestData.Parse("""{"id":"urn:ngsi-ld:Place:nowhere","type":"Place"}"""),
        ]);
    }

    [Theory]
    [InlineData("/Darmstadt/Mitte", "mitte")]
    [InlineData("/Darmstadt/+", "bessungen,mitte")]
    [InlineData("/Darmstadt/#", "bessungen,luisenplatz,mitte")]
    [InlineData("/Darmstadt/Mitte/#", "luisenplatz,mitte")]
    [InlineData("/Berlin,/Darmstadt/Mitte", "berlin,mitte")]
    [InlineData("/Darmstadt/#;/Events/Market", "luisenplatz")]
    [InlineData("/#", "berlin,bessungen,luisenplatz,mitte")]
    [InlineData("/Hamburg", "")]
    public async Task ScopeQ_selects_entities_by_scope(string scopeQ, string expected)
    {
        var ids = await _client.QueryIdsAsync(("scopeQ", scopeQ));

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), ids.Select(id => id["urn:ngsi-ld:Place:".Length..]).Order());
    }

    [Theory]
    [InlineData("Darmstadt")]
    [InlineData("/Darmstadt//Mitte")]
    [InlineData("/Darmstadt/")]
    [InlineData("/Darm stadt")]
    public async Task Malformed_scopeQ_answers_400(string scopeQ)
    {
        (await _client.QueryAsync(("scopeQ", scopeQ))).ShouldBeProblem(400, "BadRequestData");
    }
}
