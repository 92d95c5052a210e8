using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Operations;

/// <summary>The landing page at <c>/</c>: a human-readable status with entity counts per tenant and type.</summary>
public sealed class LandingPageTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Landing_page_is_HTML_listing_types_with_their_entity_counts()
    {
        var tenant = TestData.NewTenant();
        var client = fixture.Client.ForTenant(tenant);
        var type = TestData.NewType("Lamp");
        for (var i = 0; i < 3; i++) await client.CreateOkAsync(TestData.Entity(TestData.NewId(), type));

        var reply = await fixture.Client.GetAsync("/");

        reply.ShouldHaveStatus(200);
        Assert.Equal("text/html", reply.MediaType);
        Assert.Contains("Stadtkern", reply.Body);
        Assert.Contains($"<td>{tenant}</td><td>https://uri.etsi.org/ngsi-ld/default-context/{type}</td><td>3</td>", reply.Body);
    }

    [Fact]
    public async Task Landing_page_encodes_names_it_shows()
    {
        var client = fixture.Client.ForTenant("tenant-" + Guid.NewGuid().ToString("N")[..8]);
        await client.CreateOkAsync(TestData.Parse($$"""{"id":"{{TestData.NewId()}}","type":"https://example.org/a&b"}"""));

        var reply = await fixture.Client.GetAsync("/");

        Assert.Contains("https://example.org/a&amp;b", reply.Body);
        Assert.DoesNotContain("https://example.org/a&b<", reply.Body);
    }

    [Fact]
    public async Task Landing_page_of_an_empty_broker_says_there_are_no_entities()
    {
        await using var broker = await TestBroker.StartAsync();

        var reply = await broker.Client.GetAsync("/");

        reply.ShouldHaveStatus(200);
        Assert.Contains("No entities yet.", reply.Body);
    }
}
