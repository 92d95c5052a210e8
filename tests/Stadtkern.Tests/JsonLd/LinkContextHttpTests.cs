using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.JsonLd;

/// <summary>User @contexts over HTTP: given in a Link header or an ld+json body, fetched from a local server, and 503 LdContextNotAvailable when they cannot be.</summary>
public sealed class LinkContextHttpTests(LinkContextHttpTests.ContextFixture fixture) : IClassFixture<LinkContextHttpTests.ContextFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    /// <summary>A broker with a short context time-out, and a context server holding a transport vocabulary.</summary>
    public sealed class ContextFixture : BrokerFixture, IAsyncLifetime
    {
        public ContextServer Server { get; private set; } = null!;

        public string Url { get; private set; } = "";

        protected override void Configure(StadtkernOptions options) => options.ContextFetchTimeout = TimeSpan.FromSeconds(5);

        async Task IAsyncLifetime.InitializeAsync()
        {
            Server = await ContextServer.StartAsync();
            Url = Server.ServeTerms("transport", TestData.Parse("""
                {"tr":"https://example.org/transport#","Bus":"tr:Bus","speed":"tr:speed","route":{"@id":"tr:route","@type":"@id"}}
                """));
            await InitializeAsync();
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            await DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    private string Link => NgsiClient.LinkTo(fixture.Url);

    [Fact]
    public async Task Names_are_expanded_with_the_Link_context_and_compacted_with_it_again()
    {
        var id = TestData.NewId("Bus");

        (await _client.CreateAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Bus","speed":42}"""), link: Link)).ShouldHaveStatus(201);

        var withLink = await _client.RetrieveOkAsync(id, link: Link);
        Assert.Equal("Bus", withLink["type"]!.GetValue<string>());
        Assert.Equal(42, withLink["speed"]!["value"]!.GetValue<int>());
        var withoutLink = await _client.RetrieveOkAsync(id);
        Assert.Equal("https://example.org/transport#Bus", withoutLink["type"]!.GetValue<string>());
        Assert.NotNull(withoutLink["https://example.org/transport#speed"]);
    }

    [Fact]
    public async Task Response_names_the_same_context_it_used()
    {
        var id = TestData.NewId("Bus");
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Bus"}"""), Link);

        var json = await _client.RetrieveAsync(id, link: Link);
        var ld = await _client.RetrieveAsync(id, accept: NgsiClient.LdJson, link: Link);

        Assert.Contains(fixture.Url, json.Header("Link"));
        Assert.Equal(fixture.Url, ld.Object["@context"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_by_type_and_q_needs_the_same_context()
    {
        var id = TestData.NewId("Bus");
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Bus","speed":80}"""), Link);

        Assert.Contains(id, (await _client.QueryAsync("type=Bus&q=speed>50", link: Link)).ShouldHaveStatus(200).Array.Select(e => e!["id"]!.GetValue<string>()));
        Assert.DoesNotContain(id, (await _client.QueryAsync("type=Bus&q=speed>50")).ShouldHaveStatus(200).Array.Select(e => e!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Ld_json_body_with_the_context_URL_is_equivalent_to_the_Link_header()
    {
        var id = TestData.NewId("Bus");
        var body = TestData.Parse($$"""{"id":"{{id}}","type":"Bus","speed":7}""");
        body["@context"] = fixture.Url;

        (await _client.CreateAsync(body, NgsiClient.LdJson)).ShouldHaveStatus(201);

        Assert.Equal(7, (await _client.RetrieveOkAsync(id, link: Link))["speed"]!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task Inline_context_object_in_an_ld_json_body_works()
    {
        var id = TestData.NewId();
        var body = TestData.Parse($$"""{"id":"{{id}}","type":"Lamp","@context":[{"Lamp":"https://example.org/city#Lamp"},"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"]}""");

        (await _client.CreateAsync(body, NgsiClient.LdJson)).ShouldHaveStatus(201);

        Assert.Equal("https://example.org/city#Lamp", (await _client.RetrieveOkAsync(id))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Link_to_a_missing_context_answers_503_LdContextNotAvailable_and_changes_nothing()
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.CreateAsync(TestData.Entity(TestData.NewId(), "Bus"), link: NgsiClient.LinkTo(fixture.Server.Url("status/404")));

        reply.ShouldBeProblem(503, "LdContextNotAvailable");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Context_server_that_does_not_answer_in_time_gives_503_LdContextNotAvailable()
    {
        fixture.Server.ServeTerms("sluggish", TestData.Parse("""{"Bus":"https://example.org/slow#Bus"}"""));
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.CreateAsync(TestData.Entity(TestData.NewId(), "Bus"), link: NgsiClient.LinkTo(fixture.Server.Url("slow/sluggish")));

        reply.ShouldBeProblem(503, "LdContextNotAvailable");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Unavailable_context_on_a_query_answers_503()
    {
        (await _client.QueryAsync("type=Bus", link: NgsiClient.LinkTo(fixture.Server.Url("garbage")))).ShouldBeProblem(503, "LdContextNotAvailable");
    }

    [Fact]
    public async Task Fetched_context_is_listed_as_cached_by_jsonldContexts()
    {
        (await _client.QueryAsync("type=Bus", link: Link)).ShouldHaveStatus(200);

        var reply = await _client.GetAsync("ngsi-ld/v1/jsonldContexts?kind=Cached&details=true");

        reply.ShouldHaveStatus(200);
        var entry = reply.Array.Single(e => e!["URL"]!.GetValue<string>() == fixture.Url)!;
        Assert.Equal("Cached", entry["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Context_is_fetched_once_for_many_requests()
    {
        var url = fixture.Server.ServeTerms("counted", TestData.Parse("""{"Tram":"https://example.org/t#Tram"}"""));

        for (var i = 0; i < 5; i++) (await _client.QueryAsync("type=Tram", link: NgsiClient.LinkTo(url))).ShouldHaveStatus(200);

        Assert.Equal(1, fixture.Server.Hits("ctx/counted"));
    }

    [Fact]
    public async Task Types_are_compacted_with_the_Link_context()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        await tenant.CreateOkAsync(TestData.Parse($$"""{"id":"{{TestData.NewId()}}","type":"Bus","speed":3}"""), Link);

        var withLink = await tenant.GetAsync("ngsi-ld/v1/types", link: Link);
        var withoutLink = await tenant.GetAsync("ngsi-ld/v1/types");

        Assert.Equal(["Bus"], withLink.Object["typeList"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["https://example.org/transport#Bus"], withoutLink.Object["typeList"]!.AsArray().Select(t => t!.GetValue<string>()));
    }
}
