using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Subscriptions.SubscriptionKit;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>What a notification carries (clause 5.2.14): format, attributes, showChanges, sysAttrs, the @context and the endpoint's headers.</summary>
public sealed class NotificationContentTests(ReceiverFixture fixture) : IClassFixture<ReceiverFixture>
{
    private readonly NgsiClient _client = fixture.Client;
    private readonly NotificationReceiver _receiver = fixture.Receiver;

    /// <summary>Subscribes to a new type, creates one entity of it, and returns the first notification.</summary>
    private async Task<ReceivedNotification> NotifiedAboutNewEntityAsync(string members, string? entity = null, NgsiClient? client = null)
    {
        client ??= _client;
        var type = TestData.NewType();
        var subscription = await client.CreateSubscriptionOkAsync(Subscription(NewId(), type, _receiver.Url(), members));
        var id = TestData.NewId();
        var body = TestData.Parse(entity ?? """{"temperature":{"type":"Property","value":20.5,"unitCode":"CEL"},"name":"north gate"}""");
        body["id"] = id;
        body["type"] = type;
        await client.CreateOkAsync(body);
        return await _receiver.WaitForAsync(n => n.SubscriptionId == subscription, $"a notification of {subscription}");
    }

    [Fact]
    public async Task keyValues_gives_plain_values()
    {
        var entity = (await NotifiedAboutNewEntityAsync("""{"notification":{"format":"keyValues"}}""")).Entity();

        Assert.Equal(20.5, entity["temperature"]!.GetValue<double>());
        Assert.Equal("north gate", entity["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task concise_drops_the_attribute_types()
    {
        var entity = (await NotifiedAboutNewEntityAsync("""{"notification":{"format":"concise"}}""")).Entity();

        Assert.Equal(20.5, entity["temperature"]!["value"]!.GetValue<double>());
        Assert.Null(entity["temperature"]!["type"]);
        Assert.Equal("north gate", entity["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task attributes_limits_the_notified_attributes()
    {
        var entity = (await NotifiedAboutNewEntityAsync("""{"notification":{"attributes":["name"]}}""")).Entity();

        Assert.NotNull(entity["name"]);
        Assert.Null(entity["temperature"]);
    }

    [Fact]
    public async Task sysAttrs_adds_the_system_dates()
    {
        var with = (await NotifiedAboutNewEntityAsync("""{"notification":{"sysAttrs":true}}""")).Entity();
        var without = (await NotifiedAboutNewEntityAsync("{}")).Entity();

        Assert.NotNull(with["createdAt"]);
        Assert.NotNull(with["temperature"]!["modifiedAt"]);
        Assert.Null(without["createdAt"]);
        Assert.Null(without["temperature"]!["modifiedAt"]);
    }

    [Fact]
    public async Task sysAttrs_with_keyValues_keeps_the_entity_dates()
    {
        var entity = (await NotifiedAboutNewEntityAsync("""{"notification":{"format":"keyValues","sysAttrs":true}}""")).Entity();

        Assert.NotNull(entity["createdAt"]);
        Assert.NotNull(entity["modifiedAt"]);
        Assert.Equal(20.5, entity["temperature"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("flat")]
    [InlineData("inline")]
    public async Task join_adds_the_entity_a_relationship_points_at(string join)
    {
        var type = TestData.NewType();
        var depot = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{depot}}","type":"Depot","name":"east depot"}"""));
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, _receiver.Url(), $$"""{"notification":{"join":"{{join}}","joinLevel":1} }"""));

        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{TestData.NewId()}}","type":"{{type}}","parkedAt":{"type":"Relationship","object":"{{depot}}"} }"""));

        var data = (await _receiver.WaitForAsync(n => n.SubscriptionId == subscription, "the creation")).Body["data"]!.AsArray();
        var linked = join == "flat" ? data[1]! : data[0]!["parkedAt"]!["entity"]!;
        Assert.Equal(join == "flat" ? 2 : 1, data.Count);
        Assert.Equal(depot, linked["id"]!.GetValue<string>());
        Assert.Equal("east depot", linked["name"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task showChanges_adds_the_previous_value_of_changed_attributes()
    {
        var type = TestData.NewType();
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"{{type}}","temperature":20,"owner":{"type":"Relationship","object":"urn:ngsi-ld:Org:a"} }"""));
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, _receiver.Url(), """{"notification":{"showChanges":true}}"""));

        (await _client.PatchAsync(NgsiClient.EntityPath(id), TestData.Parse("""{"temperature":25,"owner":{"type":"Relationship","object":"urn:ngsi-ld:Org:b"}}""")))
            .ShouldHaveStatus(204);

        var entity = (await _receiver.WaitForAsync(n => n.SubscriptionId == subscription, "the update")).Entity();
        Assert.Equal(25, entity["temperature"]!["value"]!.GetValue<double>());
        Assert.Equal(20, entity["temperature"]!["previousValue"]!.GetValue<double>());
        Assert.Equal("urn:ngsi-ld:Org:a", entity["owner"]!["previousObject"]!.GetValue<string>());
    }

    [Fact]
    public async Task JSON_LD_receivers_get_the_context_in_the_body_and_no_Link_header()
    {
        var notification = await NotifiedAboutNewEntityAsync("""{"notification":{"endpoint":{"uri":"PLACEHOLDER","accept":"application/ld+json"}}}"""
            .Replace("PLACEHOLDER", _receiver.Url()));

        Assert.StartsWith("application/ld+json", notification.Header("Content-Type"));
        Assert.Null(notification.Header("Link"));
        Assert.Equal("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld", notification.Entity()["@context"]!.GetValue<string>());
    }

    [Fact]
    public async Task receiverInfo_becomes_headers_and_a_tenant_is_named()
    {
        var tenant = TestData.NewTenant();
        var notification = await NotifiedAboutNewEntityAsync(
            """{"notification":{"endpoint":{"uri":"PLACEHOLDER","receiverInfo":[{"key":"X-Api-Key","value":"secret-1"}]}}}""".Replace("PLACEHOLDER", _receiver.Url()),
            client: _client.ForTenant(tenant));

        Assert.Equal("secret-1", notification.Header("X-Api-Key"));
        Assert.Equal(tenant, notification.Header("NGSILD-Tenant"));
    }

    [Fact]
    public async Task Names_are_compacted_with_the_subscription_context_and_the_Link_header_names_it()
    {
        await using var contexts = await ContextServer.StartAsync();
        var url = contexts.ServeTerms("city", TestData.Parse("""{"Bin":"https://example.org/city#WasteContainer","level":"https://example.org/city#fillingLevel"}"""));
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), "Bin", _receiver.Url()), link: NgsiClient.LinkTo(url));
        var id = TestData.NewId("Bin");

        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"https://example.org/city#WasteContainer","https://example.org/city#fillingLevel":0.7}"""));

        var notification = await _receiver.WaitForAsync(n => n.SubscriptionId == subscription, "the creation");
        Assert.Equal("Bin", notification.Entity()["type"]!.GetValue<string>());
        Assert.Equal(0.7, notification.Entity()["level"]!["value"]!.GetValue<double>());
        Assert.Contains($"<{url}>", notification.Header("Link"));
    }

    [Fact]
    public async Task An_explicit_jsonldContext_is_used_for_notifications()
    {
        await using var contexts = await ContextServer.StartAsync();
        var url = contexts.ServeTerms("city2", TestData.Parse("""{"Bin":"https://example.org/city#WasteContainer"}"""));
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), "Bin", _receiver.Url(),
            """{"jsonldContext":"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"}"""), link: NgsiClient.LinkTo(url));

        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{TestData.NewId("Bin")}}","type":"https://example.org/city#WasteContainer","name":"bin 7"}"""));

        var notification = await _receiver.WaitForAsync(n => n.SubscriptionId == subscription, "the creation");
        Assert.Equal("https://example.org/city#WasteContainer", notification.Entity()["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_successful_notification_shows_in_the_subscription_state()
    {
        var type = TestData.NewType();
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, _receiver.Url()));
        await _client.CreateOkAsync(TestData.Entity(TestData.NewId(), type));
        await _receiver.WaitForAsync(n => n.SubscriptionId == subscription, "the creation");

        var state = await _client.WaitForSubscriptionAsync(subscription, s => s["notification"]?["status"]?.GetValue<string>() == "ok", "status ok");

        Assert.Equal(1, state["notification"]!["timesSent"]!.GetValue<long>());
        Assert.NotNull(state["notification"]!["lastSuccess"]);
        Assert.NotNull(state["notification"]!["lastNotification"]);
        Assert.Null(state["notification"]!["timesFailed"]);
    }
}
