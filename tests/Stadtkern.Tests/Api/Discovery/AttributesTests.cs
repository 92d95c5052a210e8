using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Discovery;

/// <summary>GET /attributes and /attributes/{attr} (clauses 5.7.8–5.7.10); each test works in a tenant of its own.</summary>
public sealed class AttributesTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private async Task<NgsiClient> SeedAsync()
    {
        var client = fixture.Client.ForTenant(TestData.NewTenant());
        await client.SeedAsync(
        [
            TestData.Parse("""{"id":"urn:ngsi-ld:Bus:1","type":"Bus","speed":50,"rare":1}"""),
            TestData.Parse("""{"id":"urn:ngsi-ld:Bus:2","type":"Bus","speed":30}"""),
            TestData.Parse("""{"id":"urn:ngsi-ld:Bus:3","type":"Bus","speed":40}"""),
            TestData.Parse("""{"id":"urn:ngsi-ld:Car:1","type":"Car","speed":{"type":"Property","value":90},"owner":{"type":"Relationship","object":"urn:ngsi-ld:Person:1"}}"""),
        ]);
        return client;
    }

    [Fact]
    public async Task Attributes_lists_every_attribute_name_in_use()
    {
        var client = await SeedAsync();

        var reply = await client.GetAsync("ngsi-ld/v1/attributes");

        reply.ShouldHaveStatus(200);
        Assert.Equal("AttributeList", reply.Object["type"]!.GetValue<string>());
        Assert.Equal(["owner", "rare", "speed"], reply.Object["attributeList"]!.AsArray().Select(a => a!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Attributes_with_details_gives_the_types_using_each()
    {
        var client = await SeedAsync();

        var reply = await client.GetAsync("ngsi-ld/v1/attributes?details=true");

        reply.ShouldHaveStatus(200);
        var speed = reply.Array.Single(a => a!["attributeName"]!.GetValue<string>() == "speed")!;
        Assert.Equal("Attribute", speed["type"]!.GetValue<string>());
        Assert.Equal(["Bus", "Car"], speed["typeNames"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        var owner = reply.Array.Single(a => a!["attributeName"]!.GetValue<string>() == "owner")!;
        Assert.Equal(["Car"], owner["typeNames"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task Attribute_info_counts_the_entities_using_it_across_types()
    {
        var client = await SeedAsync();

        var reply = await client.GetAsync("ngsi-ld/v1/attributes/speed");

        reply.ShouldHaveStatus(200);
        Assert.Equal("speed", reply.Object["attributeName"]!.GetValue<string>());
        Assert.Equal(4, reply.Object["attributeCount"]!.GetValue<long>());
        Assert.Equal(["Bus", "Car"], reply.Object["typeNames"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        Assert.Equal(["Property"], reply.Object["attributeTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task Attribute_info_gives_the_kind_of_a_relationship()
    {
        var client = await SeedAsync();

        var reply = await client.GetAsync("ngsi-ld/v1/attributes/owner");

        Assert.Equal(["Relationship"], reply.ShouldHaveStatus(200).Object["attributeTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    /// <summary>attributeCount is the number of attribute instances with that name (clause 5.2.28), not the size of the types that have it somewhere.</summary>
    [Fact]
    public async Task Attribute_info_counts_only_entities_that_have_the_attribute()
    {
        var client = await SeedAsync();

        var reply = await client.GetAsync("ngsi-ld/v1/attributes/rare");

        reply.ShouldHaveStatus(200);
        Assert.Equal(1, reply.Object["attributeCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Attribute_info_of_an_unknown_attribute_answers_404()
    {
        var client = await SeedAsync();

        (await client.GetAsync("ngsi-ld/v1/attributes/colour")).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Attribute_info_with_an_invalid_name_answers_400()
    {
        (await fixture.Client.GetAsync("ngsi-ld/v1/attributes/a%3Cb")).ShouldBeProblem(400, "BadRequestData");
    }
}
