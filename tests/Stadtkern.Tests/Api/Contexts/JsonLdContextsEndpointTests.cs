using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Contexts;

/// <summary>/jsonldContexts (clause 5.13): host a context, list it, serve it, use it as a Link context, delete it.</summary>
public sealed class JsonLdContextsEndpointTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string Path = "ngsi-ld/v1/jsonldContexts";
    private readonly NgsiClient _client = fixture.Client;

    private static JsonObject WeatherContext() => TestData.Parse("""
        {"@context":{"weather":"https://example.org/weather#","wind":"weather:windSpeed","Station":"https://example.org/weather#Station"}}
        """);

    private async Task<(string Id, string Url)> AddAsync()
    {
        var reply = await _client.PostAsync(Path, WeatherContext());
        reply.ShouldHaveStatus(201);
        var location = reply.Headers.Location?.OriginalString ?? throw new Xunit.Sdk.XunitException("No Location header.");
        var id = location[(location.LastIndexOf('/') + 1)..];
        return (id, new Uri(fixture.Broker.Address, location).ToString());
    }

    [Fact]
    public async Task Added_context_is_listed_by_its_URL()
    {
        var (_, url) = await AddAsync();

        var reply = await _client.GetAsync(Path);

        reply.ShouldHaveStatus(200);
        Assert.Contains(url, reply.Array.Select(u => u!.GetValue<string>()));
    }

    [Fact]
    public async Task Added_context_is_served_as_sent()
    {
        var (id, _) = await AddAsync();

        var reply = await _client.GetAsync($"{Path}/{id}");

        reply.ShouldHaveStatus(200);
        Assert.Contains(reply.MediaType, new[] { NgsiClient.Json, NgsiClient.LdJson });
        Assert.True(TestData.Same(WeatherContext(), reply.Json), reply.Body);
    }

    [Fact]
    public async Task Details_list_the_context_as_hosted_with_its_local_id()
    {
        var (id, url) = await AddAsync();

        var reply = await _client.GetAsync($"{Path}?details=true");

        reply.ShouldHaveStatus(200);
        var entry = reply.Array.Single(e => e!["localId"]!.GetValue<string>() == id)!;
        Assert.Equal(url, entry["URL"]!.GetValue<string>());
        Assert.Equal("Hosted", entry["kind"]!.GetValue<string>());
        Assert.True(Stadtkern.Model.Validation.TryParseDateTime(entry["createdAt"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task Hosted_context_works_as_the_Link_context_of_an_entity()
    {
        var (_, url) = await AddAsync();
        var link = NgsiClient.LinkTo(url);
        var id = TestData.NewId("Station");

        (await _client.CreateAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Station","wind":12.5}"""), link: link)).ShouldHaveStatus(201);

        var expanded = await _client.RetrieveOkAsync(id);
        Assert.Equal("https://example.org/weather#Station", expanded["type"]!.GetValue<string>());
        Assert.Equal(12.5, expanded["https://example.org/weather#windSpeed"]!["value"]!.GetValue<double>());
        var compacted = await _client.RetrieveOkAsync(id, link: link);
        Assert.Equal("Station", compacted["type"]!.GetValue<string>());
        Assert.Equal(12.5, compacted["wind"]!["value"]!.GetValue<double>());
        Assert.Equal([id], (await _client.QueryAsync($"type=Station&q=wind>10", link: link)).ShouldHaveStatus(200).Array.Select(e => e!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Deleted_context_is_no_longer_served_or_listed()
    {
        var (id, url) = await AddAsync();

        (await _client.DeleteAsync($"{Path}/{id}")).ShouldHaveStatus(204);

        (await _client.GetAsync($"{Path}/{id}")).ShouldBeProblem(404, "ResourceNotFound");
        Assert.DoesNotContain(url, (await _client.GetAsync(Path)).Array.Select(u => u!.GetValue<string>()));
    }

    [Fact]
    public async Task Deleting_an_unknown_context_answers_404()
    {
        (await _client.DeleteAsync($"{Path}/{Guid.NewGuid():N}")).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Document_without_context_is_refused_with_400()
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        (await _client.PostAsync(Path, TestData.Parse("""{"wind":"https://example.org/wind"}"""))).ShouldBeProblem(400, "InvalidRequest");

        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Document_importing_an_unreachable_context_answers_503_and_is_not_hosted()
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.PostAsync(Path, TestData.Parse("""{"@context":["http://127.0.0.1:9/missing.jsonld",{"a":"https://example.org/a"}]}"""));

        reply.ShouldBeProblem(503, "LdContextNotAvailable");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }
}
