using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Subscriptions.SubscriptionKit;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>Each notificationTrigger (clause 5.2.12) makes a notification with the right body (clause 5.3.1) reach a real HTTP receiver.</summary>
public sealed class NotificationTriggerTests(ReceiverFixture fixture) : IClassFixture<ReceiverFixture>
{
    private readonly NgsiClient _client = fixture.Client;
    private readonly NotificationReceiver _receiver = fixture.Receiver;

    private async Task<(string Subscription, string Type)> SubscribeAsync(string members)
    {
        var type = TestData.NewType();
        var id = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, _receiver.Url(), members));
        return (id, type);
    }

    private Task<ReceivedNotification> FirstOfAsync(string subscription) =>
        _receiver.WaitForAsync(n => n.SubscriptionId == subscription, $"a notification of {subscription}");

    [Fact]
    public async Task entityCreated_notifies_the_new_entity_in_a_well_formed_notification()
    {
        var (subscription, type) = await SubscribeAsync("""{"notificationTrigger":["entityCreated"]}""");
        var id = TestData.NewId();

        await _client.CreateOkAsync(TestData.Entity(id, type, 21.5));

        var notification = await FirstOfAsync(subscription);
        var body = notification.Body;
        Assert.StartsWith("urn:", body["id"]!.GetValue<string>());
        Assert.Equal("Notification", body["type"]!.GetValue<string>());
        Assert.True(Stadtkern.Model.Validation.TryParseDateTime(body["notifiedAt"]!.GetValue<string>(), out _), body.ToJsonString());
        Assert.Equal("entityCreated", body["triggerReason"]!.GetValue<string>());
        var entity = notification.Entity();
        Assert.Equal(id, entity["id"]!.GetValue<string>());
        Assert.Equal(type, entity["type"]!.GetValue<string>());
        Assert.Equal(21.5, entity["temperature"]!["value"]!.GetValue<double>());
        Assert.StartsWith("application/json", notification.Header("Content-Type"));
        Assert.Equal("<https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"",
            notification.Header("Link"));
    }

    [Fact]
    public async Task By_default_an_updated_attribute_notifies_the_whole_entity()
    {
        var (subscription, type) = await SubscribeAsync("{}");
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"{{type}}","temperature":20,"humidity":50}"""));

        (await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse("""{"value":35}"""))).ShouldHaveStatus(204);

        var entity = (await _receiver.WaitForAsync(n => n.SubscriptionId == subscription && n.Entity()["temperature"]?["value"]?.GetValue<double>() == 35,
            "the update to 35")).Entity();
        Assert.Equal(50, entity["humidity"]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task entityUpdated_notifies_a_merge()
    {
        var (subscription, type) = await SubscribeAsync("""{"notificationTrigger":["entityUpdated"]}""");
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, type, 1));

        (await _client.PatchAsync(NgsiClient.EntityPath(id), TestData.Parse("""{"temperature":2}"""))).ShouldHaveStatus(204);

        var notification = await FirstOfAsync(subscription);
        Assert.Equal("entityUpdated", notification.Body["triggerReason"]!.GetValue<string>());
        Assert.Equal(2, notification.Entity()["temperature"]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task entityDeleted_notifies_id_type_and_deletedAt()
    {
        var (subscription, type) = await SubscribeAsync("""{"notificationTrigger":["entityDeleted"],"notification":{"format":"keyValues"}}""");
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, type));

        (await _client.DeleteAsync(NgsiClient.EntityPath(id))).ShouldHaveStatus(204);

        var entity = (await FirstOfAsync(subscription)).Entity();
        Assert.Equal(["deletedAt", "id", "type"], entity.Select(m => m.Key).Order());
        Assert.Equal(id, entity["id"]!.GetValue<string>());
        Assert.True(Stadtkern.Model.Validation.TryParseDateTime(entity["deletedAt"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task attributeCreated_notifies_an_appended_attribute()
    {
        var id = TestData.NewId();
        var type = TestData.NewType();
        await _client.CreateOkAsync(TestData.Entity(id, type));
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, _receiver.Url(), """{"notificationTrigger":["attributeCreated"]}"""));

        (await _client.PostAsync(NgsiClient.EntityPath(id) + "/attrs", TestData.Parse("""{"humidity":{"type":"Property","value":61}}"""))).ShouldHaveStatus(204);

        var notification = await FirstOfAsync(subscription);
        Assert.Equal("attributeCreated", notification.Body["triggerReason"]!.GetValue<string>());
        Assert.Equal(61, notification.Entity()["humidity"]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task attributeDeleted_notifies_the_deleted_attribute_as_NGSI_LD_null()
    {
        var id = TestData.NewId();
        var type = TestData.NewType();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"{{type}}","temperature":20,"humidity":50}"""));
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, _receiver.Url(),
            """{"watchedAttributes":["temperature"],"notificationTrigger":["attributeDeleted"]}"""));

        (await _client.DeleteAsync(NgsiClient.AttributePath(id, "temperature"))).ShouldHaveStatus(204);

        var entity = (await FirstOfAsync(subscription)).Entity();
        Assert.Equal("urn:ngsi-ld:null", entity["temperature"]!["value"]!.GetValue<string>());
        Assert.Equal("Property", entity["temperature"]!["type"]!.GetValue<string>());
        Assert.Equal(50, entity["humidity"]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task attributeDeleted_also_fires_when_the_entity_is_deleted()
    {
        var id = TestData.NewId();
        var type = TestData.NewType();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"{{type}}","temperature":20,"humidity":50}"""));
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, _receiver.Url(),
            """{"watchedAttributes":["temperature"],"notificationTrigger":["attributeDeleted"]}"""));

        (await _client.DeleteAsync(NgsiClient.EntityPath(id))).ShouldHaveStatus(204);

        var entity = (await FirstOfAsync(subscription)).Entity();
        Assert.Equal("urn:ngsi-ld:null", entity["temperature"]!["value"]!.GetValue<string>());
        Assert.NotNull(entity["deletedAt"]);
        Assert.Null(entity["humidity"]);
    }

    [Fact]
    public async Task Changes_to_attributes_that_are_not_watched_do_not_notify()
    {
        var (subscription, type) = await SubscribeAsync("""{"watchedAttributes":["humidity"]}""");
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"{{type}}","temperature":20,"humidity":50}"""));
        var created = await FirstOfAsync(subscription);

        (await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse("""{"value":21}"""))).ShouldHaveStatus(204);
        (await _client.PatchAsync(NgsiClient.AttributePath(id, "humidity"), TestData.Parse("""{"value":51}"""))).ShouldHaveStatus(204);

        var all = await _receiver.WaitForCountAsync(subscription, 2);
        Assert.Equal(51, all[1].Entity()["humidity"]!["value"]!.GetValue<double>());
        Assert.Equal(21, all[1].Entity()["temperature"]!["value"]!.GetValue<double>());
        Assert.Equal(50, created.Entity()["humidity"]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task Only_entities_matching_q_are_notified()
    {
        var (subscription, type) = await SubscribeAsync("""{"q":"temperature>30"}""");
        var cold = TestData.NewId();
        var hot = TestData.NewId();

        await _client.CreateOkAsync(TestData.Entity(cold, type, 10));
        await _client.CreateOkAsync(TestData.Entity(hot, type, 40));

        var first = await FirstOfAsync(subscription);
        Assert.Equal(hot, first.Entity()["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_entities_matching_geoQ_and_the_id_pattern_are_notified()
    {
        var type = TestData.NewType();
        var subscription = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, _receiver.Url(),
            $$"""{"entities":[{"type":"{{type}}","idPattern":"^urn:ngsi-ld:Lamp:street-"}],"geoQ":{"georel":"near;maxDistance==1000","geometry":"Point","coordinates":[8.65,49.87]} }"""));
        var far = $"urn:ngsi-ld:Lamp:street-{Guid.NewGuid():N}";
        var otherName = $"urn:ngsi-ld:Lamp:park-{Guid.NewGuid():N}";
        var near = $"urn:ngsi-ld:Lamp:street-{Guid.NewGuid():N}";

        await _client.CreateOkAsync(new JsonObject { ["id"] = far, ["type"] = type, ["location"] = TestData.Point(9.5, 50.5) });
        await _client.CreateOkAsync(new JsonObject { ["id"] = otherName, ["type"] = type, ["location"] = TestData.Point(8.651, 49.871) });
        await _client.CreateOkAsync(new JsonObject { ["id"] = near, ["type"] = type, ["location"] = TestData.Point(8.651, 49.871) });

        Assert.Equal(near, (await FirstOfAsync(subscription)).Entity()["id"]!.GetValue<string>());
    }
}
