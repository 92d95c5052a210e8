using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Operations;

/// <summary>The API documentation: the OpenAPI document and the reference page at <c>/docs</c>.</summary>
public sealed class DocsTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Docs_page_is_served_as_HTML()
    {
        var reply = await fixture.Client.GetAsync("/docs");

        reply.ShouldHaveStatus(200);
        Assert.Equal("text/html", reply.MediaType);
    }

    [Fact]
    public async Task OpenAPI_document_describes_the_entity_endpoints()
    {
        var reply = await fixture.Client.GetAsync("/openapi/v1.json");

        reply.ShouldHaveStatus(200);
        var paths = reply.Object["paths"]!.AsObject();
        Assert.Contains("/ngsi-ld/v1/entities", paths.Select(p => p.Key));
        Assert.Contains("/ngsi-ld/v1/entities/{id}", paths.Select(p => p.Key));
        Assert.Contains("/ngsi-ld/v1/entityOperations/create", paths.Select(p => p.Key));
    }
}
