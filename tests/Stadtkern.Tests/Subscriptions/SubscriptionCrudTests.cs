using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Subscriptions.SubscriptionKit;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>Create, retrieve, query, update and delete subscriptions (clause 5.8).</summary>
public sealed class SubscriptionCrudTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string Endpoint = "http://127.0.0.1:9/notify";
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Created_subscription_is_answered_with_201_and_its_location_and_reads_back_as_given()
    {
        var id = NewId();
        var type = TestData.NewType();
        var reply = await _client.PostAsync(SubscriptionsPath, Subscription(id, type, Endpoint,
            """{"subscriptionName":"full bins","watchedAttributes":["fillingLevel"],"q":"fillingLevel>0.8","notification":{"format":"keyValues","attributes":["fillingLevel"]}}"""));

        reply.ShouldHaveStatus(201);
        Assert.Equal($"/ngsi-ld/v1/subscriptions/{id}", reply.Headers.Location!.OriginalString);
        Assert.Empty(reply.Body);
        var read = await _client.RetrieveSubscriptionOkAsync(id);
        Assert.Equal(id, read["id"]!.GetValue<string>());
        Assert.Equal("Subscription", read["type"]!.GetValue<string>());
        Assert.Equal("full bins", read["subscriptionName"]!.GetValue<string>());
        Assert.Equal(type, read["entities"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("fillingLevel", read["watchedAttributes"]![0]!.GetValue<string>());
        Assert.Equal("fillingLevel>0.8", read["q"]!.GetValue<string>());
        Assert.Equal("keyValues", read["notification"]!["format"]!.GetValue<string>());
        Assert.Equal(Endpoint, read["notification"]!["endpoint"]!["uri"]!.GetValue<string>());
        Assert.Equal("active", read["status"]!.GetValue<string>());
        Assert.True(TestData.Same(JsonNode.Parse("""["attributeCreated","attributeUpdated"]"""), read["notificationTrigger"]), read.ToJsonString());
        Assert.Equal("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld", read["jsonldContext"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_subscription_without_id_gets_one()
    {
        var subscription = Subscription(NewId(), TestData.NewType(), Endpoint);
        subscription.Remove("id");

        var id = await _client.CreateSubscriptionOkAsync(subscription);

        Assert.StartsWith("urn:ngsi-ld:Subscription:", id);
        await _client.RetrieveSubscriptionOkAsync(id);
    }

    [Fact]
    public async Task Names_are_stored_expanded_and_compacted_with_the_reading_context()
    {
        await using var contexts = await ContextServer.StartAsync();
        var url = contexts.ServeTerms("bins", TestData.Parse("""{"Bin":"https://example.org/city#WasteContainer","level":"https://example.org/city#fillingLevel"}"""));
        var id = NewId();
        var subscription = Subscription(id, "Bin", Endpoint, """{"watchedAttributes":["level"]}""");

        await _client.CreateSubscriptionOkAsync(subscription, link: NgsiClient.LinkTo(url));

        var withContext = await _client.RetrieveSubscriptionOkAsync(id, link: NgsiClient.LinkTo(url));
        Assert.Equal("Bin", withContext["entities"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("level", withContext["watchedAttributes"]![0]!.GetValue<string>());
        Assert.Equal(url, withContext["jsonldContext"]!.GetValue<string>());
        var withoutContext = await _client.RetrieveSubscriptionOkAsync(id);
        Assert.Equal("https://example.org/city#WasteContainer", withoutContext["entities"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("https://example.org/city#fillingLevel", withoutContext["watchedAttributes"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_inline_context_list_is_hosted_as_an_ImplicitlyCreated_context()
    {
        var id = NewId();
        var subscription = Subscription(id, "Bin", Endpoint);
        subscription["@context"] = JsonNode.Parse("""[{"Bin":"https://example.org/city#WasteContainer"},"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]""");

        await _client.CreateSubscriptionOkAsync(subscription, contentType: NgsiClient.LdJson);

        var read = await _client.RetrieveSubscriptionOkAsync(id);
        Assert.Equal("https://example.org/city#WasteContainer", read["entities"]![0]!["type"]!.GetValue<string>());
        var contextUrl = read["jsonldContext"]!.GetValue<string>();
        var details = await _client.GetAsync(new Uri(contextUrl).AbsolutePath.TrimStart('/') + "?details=true");
        details.ShouldHaveStatus(200);
        Assert.Equal("ImplicitlyCreated", details.Object["kind"]!.GetValue<string>());
        var served = await _client.GetAsync(new Uri(contextUrl).AbsolutePath.TrimStart('/'));
        Assert.Equal("https://example.org/city#WasteContainer", served.Object["@context"]![0]!["Bin"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_id_twice_is_409_AlreadyExists()
    {
        var id = NewId();
        await _client.CreateSubscriptionOkAsync(Subscription(id, TestData.NewType(), Endpoint));

        (await _client.PostAsync(SubscriptionsPath, Subscription(id, TestData.NewType(), Endpoint))).ShouldBeProblem(409, "AlreadyExists");
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_ids_that_are_not_URIs_are_400()
    {
        var unknown = NewId();
        (await _client.GetAsync(PathOf(unknown))).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.PatchSubscriptionAsync(unknown, TestData.Parse("""{"isActive":false}"""))).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.DeleteAsync(PathOf(unknown))).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.GetAsync(PathOf("not-a-uri"))).ShouldBeProblem(400, "BadRequestData");
        (await _client.DeleteAsync(PathOf("not-a-uri"))).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Query_pages_with_limit_and_offset_and_counts_on_request()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await tenant.CreateSubscriptionOkAsync(Subscription(NewId(), TestData.NewType(), Endpoint)));

        var first = await tenant.GetAsync($"{SubscriptionsPath}?limit=2&count=true");
        var rest = await tenant.GetAsync($"{SubscriptionsPath}?limit=10&offset=2");

        first.ShouldHaveStatus(200);
        Assert.Equal("5", first.Header("NGSILD-Results-Count"));
        Assert.Equal(ids[..2], first.Array.Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal(ids[2..], rest.Array.Select(s => s!["id"]!.GetValue<string>()));
        (await tenant.GetAsync($"{SubscriptionsPath}?limit=100000")).ShouldBeProblem(403, "TooManyResults");
        (await tenant.GetAsync($"{SubscriptionsPath}?unknown=1")).ShouldBeProblem(400, "InvalidRequest");
    }

    [Fact]
    public async Task A_page_links_to_the_pages_before_and_after_it()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        for (var i = 0; i < 3; i++) await tenant.CreateSubscriptionOkAsync(Subscription(NewId(), TestData.NewType(), Endpoint));

        var middle = await tenant.SendAsync(HttpMethod.Get, $"{SubscriptionsPath}?limit=1&offset=1", null, null, accept: "application/ld+json");
        var last = await tenant.SendAsync(HttpMethod.Get, $"{SubscriptionsPath}?limit=1&offset=2", null, null, accept: "application/ld+json");
        var all = await tenant.GetAsync($"{SubscriptionsPath}?limit=3");

        Assert.Equal(
            ["</ngsi-ld/v1/subscriptions?limit=1&offset=0>; rel=\"prev\"; type=\"application/ld+json\"", "</ngsi-ld/v1/subscriptions?limit=1&offset=2>; rel=\"next\"; type=\"application/ld+json\""],
            PageLinks(middle));
        Assert.Equal(["</ngsi-ld/v1/subscriptions?limit=1&offset=1>; rel=\"prev\"; type=\"application/ld+json\""], PageLinks(last));
        Assert.Empty(PageLinks(all));
    }

    [Theory]
    [InlineData("ngsi-ld=1.0", "ngsi-ld=1.0")]
    [InlineData("respond-async, NGSI-LD=\"1.1\";q=0.5", "ngsi-ld=1.1")]
    [InlineData("respond-async", null)]
    [InlineData("ngsi-ld=latest", null)]
    public async Task A_preferred_API_version_is_applied_to_a_retrieved_subscription_unchanged(string prefer, string? applied)
    {
        var id = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), TestData.NewType(), Endpoint));

        var reply = await _client.SendAsync(HttpMethod.Get, PathOf(id), null, null, headers: [new("Prefer", prefer)]);

        reply.ShouldHaveStatus(200);
        Assert.Equal(applied, reply.Header("Preference-Applied"));
        Assert.Equal(id, reply.Json!["id"]!.GetValue<string>());
    }

    private static string[] PageLinks(Reply reply) =>
        reply.Headers.TryGetValues("Link", out var links) ? [.. links.Where(l => !l.Contains("json-ld#context", StringComparison.Ordinal))] : [];

    [Fact]
    public async Task Update_replaces_the_members_given_and_pausing_and_resuming_shows_in_status()
    {
        var id = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), TestData.NewType(), Endpoint, """{"description":"before"}"""));

        (await _client.PatchSubscriptionAsync(id, TestData.Parse("""{"description":"after","isActive":false,"notification":{"format":"concise","endpoint":{"uri":"http://127.0.0.1:9/other"}}}""")))
            .ShouldHaveStatus(204);
        var paused = await _client.RetrieveSubscriptionOkAsync(id);
        (await _client.PatchSubscriptionAsync(id, TestData.Parse("""{"isActive":true}"""))).ShouldHaveStatus(204);
        var resumed = await _client.RetrieveSubscriptionOkAsync(id);

        Assert.Equal("after", paused["description"]!.GetValue<string>());
        Assert.Equal("paused", paused["status"]!.GetValue<string>());
        Assert.Equal("concise", paused["notification"]!["format"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:9/other", paused["notification"]!["endpoint"]!["uri"]!.GetValue<string>());
        Assert.Equal("active", resumed["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_with_null_removes_an_optional_member()
    {
        var id = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), TestData.NewType(), Endpoint, """{"description":"gone soon"}"""));

        (await _client.PatchSubscriptionAsync(id, TestData.Parse("""{"description":null}"""))).ShouldHaveStatus(204);

        Assert.Null((await _client.RetrieveSubscriptionOkAsync(id))["description"]);
    }

    [Theory]
    [InlineData("""{"expiresAt":"2001-01-01T00:00:00Z"}""")]
    [InlineData("""{"notification":{"format":"keyValues"}}""")]
    [InlineData("""{"notification":null}""")]
    [InlineData("""{"id":"urn:ngsi-ld:Subscription:other"}""")]
    [InlineData("""{"throttling":-1}""")]
    [InlineData("""{}""")]
    public async Task Invalid_updates_are_400_and_change_nothing(string fragment)
    {
        var id = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), TestData.NewType(), Endpoint, """{"description":"kept"}"""));
        var before = await _client.RetrieveSubscriptionOkAsync(id);

        (await _client.PatchSubscriptionAsync(id, TestData.Parse(fragment))).ShouldBeProblem(400, "BadRequestData");

        Assert.True(TestData.Same(before, await _client.RetrieveSubscriptionOkAsync(id)));
    }

    [Fact]
    public async Task An_expired_subscription_is_expired_and_a_future_expiresAt_makes_it_active_again()
    {
        var time = DateTimeOffset.UtcNow;
        var id = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), TestData.NewType(), Endpoint,
            $$"""{"expiresAt":"{{time.AddSeconds(1):yyyy-MM-ddTHH:mm:ss.fffZ}}"}"""));

        await _client.WaitForSubscriptionAsync(id, s => s["status"]!.GetValue<string>() == "expired", "status expired");
        (await _client.PatchSubscriptionAsync(id, TestData.Parse($$"""{"expiresAt":"{{time.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}}"}"""))).ShouldHaveStatus(204);

        Assert.Equal("active", (await _client.RetrieveSubscriptionOkAsync(id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleted_subscription_is_gone()
    {
        var id = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), TestData.NewType(), Endpoint));

        (await _client.DeleteAsync(PathOf(id))).ShouldHaveStatus(204);

        (await _client.GetAsync(PathOf(id))).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.DeleteAsync(PathOf(id))).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Retrieve_as_JSON_LD_carries_the_context_in_the_body_and_refuses_other_media_types()
    {
        var id = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), TestData.NewType(), Endpoint));

        var ld = await _client.GetAsync(PathOf(id), accept: NgsiClient.LdJson);
        var json = await _client.GetAsync(PathOf(id));

        Assert.NotNull(ld.Object["@context"]);
        Assert.Null(ld.Header("Link"));
        Assert.Null(json.Object["@context"]);
        Assert.Contains("rel=\"http://www.w3.org/ns/json-ld#context\"", json.Header("Link"));
        (await _client.GetAsync(PathOf(id), accept: "application/xml")).ShouldHaveStatus(406);
    }

    [Fact]
    public async Task Subscriptions_of_one_tenant_are_invisible_to_another()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var id = await tenant.CreateSubscriptionOkAsync(Subscription(NewId(), TestData.NewType(), Endpoint));

        (await _client.GetAsync(PathOf(id))).ShouldHaveStatus(404);
        Assert.DoesNotContain(id, (await _client.GetAsync($"{SubscriptionsPath}?limit=1000")).Body);
        (await _client.DeleteAsync(PathOf(id))).ShouldHaveStatus(404);
        await tenant.RetrieveSubscriptionOkAsync(id);
    }
}
