using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>Which changes a subscription is notified of, and with what, read straight from the outbox the change wrote.</summary>
public sealed class SubscriptionMatchingTests : IAsyncLifetime
{
    private MatchingScope _scope = null!;

    public async Task InitializeAsync() => _scope = await MatchingScope.OpenAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_write_that_fails_leaves_no_notification()
    {
        var subscription = await _scope.SubscribeAsync("Lamp", """{"notificationTrigger":["entityCreated"]}""");
        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Lamp:1","type":"Lamp","power":1}""");

        await Assert.ThrowsAsync<NgsiLdException>(() => _scope.CreateAsync("""{"id":"urn:ngsi-ld:Lamp:1","type":"Lamp","power":2}"""));

        Assert.Single(await _scope.NotificationsAsync(subscription));
    }

    [Fact]
    public async Task Throttling_drops_notifications_within_the_interval()
    {
        var subscription = await _scope.SubscribeAsync("Lamp", """{"throttling":60}""");
        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Lamp:1","type":"Lamp","power":1}""");
        await _scope.Entities.MergeAsync("", "urn:ngsi-ld:Lamp:1", TestData.Parse("""{"power":2}"""), JsonLdContext.Core, None);

        _scope.Time.Advance(TimeSpan.FromSeconds(61));
        await _scope.Entities.MergeAsync("", "urn:ngsi-ld:Lamp:1", TestData.Parse("""{"power":3}"""), JsonLdContext.Core, None);

        var values = (await _scope.NotificationsAsync(subscription)).Select(n => n["data"]![0]!["power"]!["value"]!.GetValue<double>());
        Assert.Equal([1.0, 3.0], values);
    }

    [Fact]
    public async Task Paused_and_expired_subscriptions_are_not_notified()
    {
        var paused = await _scope.SubscribeAsync("Lamp", """{"isActive":false}""");
        var expiring = await _scope.SubscribeAsync("Lamp", """{"expiresAt":"2026-03-01T10:00:30Z"}""");
        _scope.Time.Advance(TimeSpan.FromMinutes(1));

        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Lamp:1","type":"Lamp","power":1}""");

        Assert.Empty(await _scope.NotificationsAsync(paused));
        Assert.Empty(await _scope.NotificationsAsync(expiring));
    }

    [Fact]
    public async Task Periodic_subscriptions_are_not_triggered_by_changes()
    {
        var periodic = await _scope.SubscribeAsync("Lamp", """{"timeInterval":3600}""");

        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Lamp:1","type":"Lamp","power":1}""");

        Assert.Empty(await _scope.NotificationsAsync(periodic));
    }

    [Fact]
    public async Task A_type_selection_matches_either_type_and_nothing_else()
    {
        var subscription = await _scope.SubscribeAsync("(Lamp|Bin)", """{"notificationTrigger":["entityCreated"]}""");

        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Lamp:1","type":"Lamp"}""");
        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Tree:1","type":"Tree"}""");
        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Bin:1","type":"Bin"}""");

        var ids = (await _scope.NotificationsAsync(subscription)).Select(n => n["data"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(["urn:ngsi-ld:Lamp:1", "urn:ngsi-ld:Bin:1"], ids);
    }

    [Fact]
    public async Task Without_entities_watchedAttributes_select_any_entity_that_has_them()
    {
        var subscription = await _scope.SubscribeAsync("Unused", """{"entities":null,"watchedAttributes":["alarm"]}""");

        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Lamp:1","type":"Lamp","power":1}""");
        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Pump:1","type":"Pump","alarm":true}""");

        Assert.Equal("urn:ngsi-ld:Pump:1", (await _scope.OnlyEntityAsync(subscription))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task entityDeleted_with_showChanges_gives_every_attribute_as_null_with_its_last_value()
    {
        var subscription = await _scope.SubscribeAsync("Building", """{"notificationTrigger":["entityDeleted"],"notification":{"showChanges":true}}""");
        await _scope.CreateAsync("""
            {"id":"urn:ngsi-ld:Building:1","type":"Building","name":"Tower",
             "street":{"type":"LanguageProperty","languageMap":{"fr":"Grand Place"}},
             "locatedAt":{"type":"Relationship","object":"urn:ngsi-ld:City:Paris"}}
            """);

        await _scope.Entities.DeleteAsync("", "urn:ngsi-ld:Building:1", None);

        var entity = await _scope.OnlyEntityAsync(subscription);
        Assert.NotNull(entity["deletedAt"]);
        Assert.True(TestData.Same(JsonNode.Parse("""{"type":"Property","value":"urn:ngsi-ld:null","previousValue":"Tower"}"""), entity["name"]), entity.ToJsonString());
        Assert.True(TestData.Same(JsonNode.Parse("""{"type":"LanguageProperty","languageMap":{"@none":"urn:ngsi-ld:null"},"previousLanguageMap":{"fr":"Grand Place"}}"""), entity["street"]), entity.ToJsonString());
        Assert.True(TestData.Same(JsonNode.Parse("""{"type":"Relationship","object":"urn:ngsi-ld:null","previousObject":"urn:ngsi-ld:City:Paris"}"""), entity["locatedAt"]), entity.ToJsonString());
    }

    [Fact]
    public async Task Deleting_one_instance_by_datasetId_notifies_the_others_and_the_deleted_one_as_null()
    {
        var subscription = await _scope.SubscribeAsync("Building", """{"notificationTrigger":["attributeDeleted"]}""");
        await _scope.CreateAsync("""
            {"id":"urn:ngsi-ld:Building:1","type":"Building",
             "name":[{"type":"Property","value":"Tower"},{"type":"Property","value":"Tour","datasetId":"urn:ngsi-ld:Dataset:fr"}]}
            """);

        await _scope.Entities.DeleteAttributeAsync("", "urn:ngsi-ld:Building:1", "name", "urn:ngsi-ld:Dataset:fr", deleteAll: false, JsonLdContext.Core, None);

        var names = (await _scope.OnlyEntityAsync(subscription))["name"]!.AsArray();
        Assert.Equal(2, names.Count);
        Assert.Contains(names, n => n!["value"]!.GetValue<string>() == "Tower" && n["datasetId"] is null);
        Assert.Contains(names, n => n!["value"]!.GetValue<string>() == "urn:ngsi-ld:null" && n["datasetId"]!.GetValue<string>() == "urn:ngsi-ld:Dataset:fr");
    }

    [Fact]
    public async Task showChanges_compacts_a_previous_vocabulary_term()
    {
        var subscription = await _scope.SubscribeAsync("Building", """{"notificationTrigger":["attributeUpdated"],"notification":{"showChanges":true}}""");
        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Building:1","type":"Building","category":{"type":"VocabProperty","vocab":"monument"}}""");

        await _scope.Entities.MergeAsync("", "urn:ngsi-ld:Building:1", TestData.Parse("""{"category":{"type":"VocabProperty","vocab":"museum"}}"""), JsonLdContext.Core, None);

        var category = (await _scope.OnlyEntityAsync(subscription))["category"]!;
        Assert.Equal("museum", category["vocab"]!.GetValue<string>());
        Assert.Equal("monument", category["previousVocab"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_batch_notifies_the_entities_that_were_written_and_not_the_failed_ones()
    {
        var subscription = await _scope.SubscribeAsync("Lamp", """{"notificationTrigger":["entityCreated"]}""");
        await _scope.CreateAsync("""{"id":"urn:ngsi-ld:Lamp:1","type":"Lamp"}""");

        var result = await _scope.Entities.BatchCreateAsync("", TestData.ParseArray("""
            [{"id":"urn:ngsi-ld:Lamp:1","type":"Lamp"},{"id":"urn:ngsi-ld:Lamp:2","type":"Lamp"}]
            """), _ => ValueTask.FromResult(JsonLdContext.Core), None);

        Assert.Single(result.Errors);
        var ids = (await _scope.NotificationsAsync(subscription)).Select(n => n["data"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(["urn:ngsi-ld:Lamp:1", "urn:ngsi-ld:Lamp:2"], ids);
    }

    [Fact]
    public async Task Other_tenants_are_not_observed()
    {
        await _scope.SubscribeAsync("Lamp");

        Assert.True(_scope.Registry.Observes(""));
        Assert.False(_scope.Registry.Observes("elsewhere"));
        await _scope.Entities.CreateAsync("elsewhere", TestData.Parse("""{"id":"urn:ngsi-ld:Lamp:1","type":"Lamp","power":1}"""), JsonLdContext.Core, None);
    }
}
