using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Discovery;

/// <summary>GET /types and /types/{type} (clauses 5.7.5–5.7.7); each test works in a tenant of its own so it sees only its data.</summary>
public sealed class TypesTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private async Task<NgsiClient> SeedAsync()
    {
        var client = fixture.Client.ForTenant(TestData.NewTenant());
        await client.SeedAsync(
        [
            TestData.Parse("""{"id":"urn:ngsi-ld:Bus:1","type":"Bus","speed":50,"route":{"type":"Relationship","object":"urn:ngsi-ld:Route:1"}}"""),
            TestData.Parse("""{"id":"urn:ngsi-ld:Bus:2","type":"Bus","speed":30,"location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.6,49.8]}}}"""),
            TestData.Parse("""{"id":"urn:ngsi-ld:Stop:1","type":"Stop","name":"Luisenplatz"}"""),
        ]);
        return client;
    }

    [Fact]
    public async Task Types_lists_every_type_in_use()
    {
        var client = await SeedAsync();

        var reply = await client.GetAsync("ngsi-ld/v1/types");

        reply.ShouldHaveStatus(200);
        Assert.Equal("EntityTypeList", reply.Object["type"]!.GetValue<string>());
        Assert.StartsWith("urn:", reply.Object["id"]!.GetValue<string>());
        Assert.Equal(["Bus", "Stop"], reply.Object["typeList"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Types_with_details_describes_each_type_with_its_attribute_names()
    {
        var client = await SeedAsync();

        var reply = await client.GetAsync("ngsi-ld/v1/types?details=true");

        reply.ShouldHaveStatus(200);
        var bus = reply.Array.Single(t => t!["typeName"]!.GetValue<string>() == "Bus")!;
        Assert.Equal("EntityType", bus["type"]!.GetValue<string>());
        Assert.Equal("https://uri.etsi.org/ngsi-ld/default-context/Bus", bus["id"]!.GetValue<string>());
        Assert.Equal(["location", "route", "speed"], bus["attributeNames"]!.AsArray().Select(a => a!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Type_info_gives_the_entity_count_and_the_attribute_details()
    {
        var client = await SeedAsync();

        var reply = await client.GetAsync("ngsi-ld/v1/types/Bus");

        reply.ShouldHaveStatus(200);
        var info = reply.Object;
        Assert.Equal("EntityTypeInfo", info["type"]!.GetValue<string>());
        Assert.Equal("Bus", info["typeName"]!.GetValue<string>());
        Assert.Equal(2, info["entityCount"]!.GetValue<long>());
        var details = info["attributeDetails"]!.AsArray();
        Assert.Equal(["Relationship"], details.Single(d => d!["attributeName"]!.GetValue<string>() == "route")!["attributeTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["GeoProperty"], details.Single(d => d!["attributeName"]!.GetValue<string>() == "location")!["attributeTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task Type_info_of_an_unknown_type_answers_404()
    {
        var client = await SeedAsync();

        (await client.GetAsync("ngsi-ld/v1/types/Tram")).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Types_of_an_empty_tenant_is_an_empty_list()
    {
        var client = fixture.Client.ForTenant(TestData.NewTenant());

        var reply = await client.GetAsync("ngsi-ld/v1/types");

        reply.ShouldHaveStatus(200);
        Assert.Empty(reply.Object["typeList"]!.AsArray());
    }

    [Fact]
    public async Task Ld_json_type_list_carries_its_context_in_the_body()
    {
        var client = await SeedAsync();

        var reply = await client.GetAsync("ngsi-ld/v1/types", NgsiClient.LdJson);

        reply.ShouldHaveStatus(200);
        Assert.NotNull(reply.Object["@context"]);
    }

    [Fact]
    public async Task Unknown_parameter_on_types_answers_400()
    {
        (await fixture.Client.GetAsync("ngsi-ld/v1/types?verbose=true")).ShouldBeProblem(400, "InvalidRequest");
    }
}
