using System.Text.Json.Nodes;
using Stadtkern.Tests.Subscriptions;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Watch;

/// <summary>
/// Watch rules evaluated on every change raise and clear alarms — Alert entities linked to their cause — that control
/// rooms see, acknowledge, comment and clear, and receive through ordinary subscriptions.
/// </summary>
public sealed class WatchTests(WatchTests.WithWatch fixture) : IClassFixture<WatchTests.WithWatch>
{
    public sealed class WithWatch : BrokerFixture
    {
        protected override void Configure(StadtkernOptions options) => options.WatchInterval = TimeSpan.FromMilliseconds(200);
    }

    private const string Rules = "stadtkern/v1/watch/rules";
    private const string Alarms = "stadtkern/v1/control-room/alarms";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private NgsiClient Tenant(string tenant) => fixture.Client.ForTenant(tenant);

    private static JsonObject Rule(string id, string type, string condition, string extra = "") =>
        TestData.Parse($$$"""{"id":"{{{id}}}","entityType":"{{{type}}}","severity":"high","condition":{{{condition}}}{{{extra}}}}""");

    private static JsonObject Level(double value, int minute = 0) =>
        TestData.Parse($$$"""{"level":{"type":"Property","value":{{{value}}},"observedAt":"2026-03-01T10:{{{minute:00}}}:00Z"}}""");

    private static async Task SetAsync(NgsiClient client, string id, double value, int minute = 0) =>
        (await client.PatchAsync($"ngsi-ld/v1/entities/{id}/attrs", Level(value, minute))).ShouldHaveStatus(204);

    private static async Task<JsonArray> OpenAsync(NgsiClient client) => (await client.GetAsync(Alarms)).ShouldHaveStatus(200).Array;

    private static async Task<Reply> StepAsync(NgsiClient client, string alarm, string step, string? user, string? body = null)
    {
        var headers = user is null ? [] : new Dictionary<string, string> { ["X-Stadtkern-User"] = user };
        return await client.SendAsync(HttpMethod.Post, $"{Alarms}/{Uri.EscapeDataString(alarm)}/{step}", body, body is null ? null : "application/json", headers: headers);
    }

    [Fact]
    public async Task A_threshold_held_for_enough_readings_raises_one_alarm_that_clears_only_past_the_hysteresis()
    {
        var client = Tenant(TestData.NewTenant());
        var id = TestData.NewId("Gauge");
        await client.CreateOkAsync(TestData.Parse($$$"""{"id":"{{{id}}}","type":"Gauge","level":{"type":"Property","value":5},"location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.65,49.87]}}""" + "}"));
        (await client.PostAsync(Rules, Rule("river-high", "Gauge", """{"kind":"threshold","attribute":"level","above":7,"hysteresis":0.5}""", ""","readings":2"""))).ShouldHaveStatus(201);

        await SetAsync(client, id, 8, 1);
        Assert.Empty(await OpenAsync(client));
        await SetAsync(client, id, 8.5, 2);
        await SetAsync(client, id, 9, 3);

        var alarm = Assert.Single(await OpenAsync(client))!.AsObject();
        Assert.Equal("high", alarm["severity"]!.GetValue<string>());
        Assert.Equal(id, alarm["alertSource"]!.GetValue<string>());
        Assert.Equal("raised", alarm["alarmStatus"]!.GetValue<string>());
        var alert = await client.RetrieveOkAsync(alarm["id"]!.GetValue<string>());
        Assert.Equal("Alert", alert["type"]!.GetValue<string>());
        Assert.Equal(id, alert["causedBy"]!["object"]!.GetValue<string>());
        Assert.Equal(8.5, alert["triggerValue"]!["value"]!.GetValue<double>());
        Assert.NotNull(alert["location"]);

        await SetAsync(client, id, 6.8, 4);
        Assert.Single(await OpenAsync(client));
        await SetAsync(client, id, 6.4, 5);
        Assert.Empty(await OpenAsync(client));
        var cleared = await client.RetrieveOkAsync(alarm["id"]!.GetValue<string>());
        Assert.Equal("cleared", cleared["alarmStatus"]!["value"]!.GetValue<string>());
        Assert.Equal("watch:river-high", cleared["clearedBy"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_control_room_acknowledges_comments_and_clears_and_the_alarms_history_keeps_every_step()
    {
        var client = Tenant(TestData.NewTenant());
        var id = TestData.NewId("Gauge");
        await client.CreateOkAsync(TestData.Parse($$$"""{"id":"{{{id}}}","type":"Gauge","level":{"type":"Property","value":1}}"""));
        (await client.PostAsync(Rules, Rule("low", "Gauge", """{"kind":"threshold","attribute":"level","below":0}"""))).ShouldHaveStatus(201);
        await SetAsync(client, id, -1);
        var alarm = Assert.Single(await OpenAsync(client))!["id"]!.GetValue<string>();

        (await StepAsync(client, alarm, "acknowledge", null)).ShouldBeProblem(400, "BadRequestData");
        (await StepAsync(client, alarm, "acknowledge", "alice", """{"comment":"crew informed"}""")).ShouldHaveStatus(204);
        (await StepAsync(client, alarm, "acknowledge", "bob")).ShouldBeProblem(422, "OperationNotSupported");
        (await StepAsync(client, alarm, "comments", "bob", """{"comment":"pump 2 started"}""")).ShouldHaveStatus(204);
        var open = Assert.Single(await OpenAsync(client))!.AsObject();
        Assert.Equal("acknowledged", open["alarmStatus"]!.GetValue<string>());
        Assert.Equal("alice", open["acknowledgedBy"]!.GetValue<string>());
        (await StepAsync(client, alarm, "clear", "carol")).ShouldHaveStatus(204);
        (await StepAsync(client, alarm, "clear", "carol")).ShouldBeProblem(422, "OperationNotSupported");
        Assert.Empty(await OpenAsync(client));

        var history = (await client.GetAsync($"ngsi-ld/v1/temporal/entities/{Uri.EscapeDataString(alarm)}?options=temporalValues&timeproperty=modifiedAt")).Object;
        Assert.Equal(["raised", "acknowledged", "cleared"], history["alarmStatus"]!["values"]!.AsArray().Select(v => v![0]!.GetValue<string>()));
        Assert.Equal(["crew informed", "pump 2 started"], history["comment"]!["values"]!.AsArray().Select(v => v![0]!.GetValue<string>()));
        var statistics = (await client.GetAsync("stadtkern/v1/control-room/statistics")).ShouldHaveStatus(200).Object;
        Assert.Equal(1, statistics["byStatus"]!["cleared"]!.GetValue<int>());
        Assert.Equal(1, statistics["timeToAcknowledge"]!["count"]!.GetValue<int>());
        Assert.Equal(1, statistics["timeToClear"]!["count"]!.GetValue<int>());

        // Cleared by hand, the rule raises a new alarm when the condition holds again.
        await SetAsync(client, id, 2, 1);
        await SetAsync(client, id, -3, 2);
        Assert.NotEqual(alarm, Assert.Single(await OpenAsync(client))!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_control_room_subscribed_to_alerts_is_notified_when_an_alarm_is_raised()
    {
        var client = Tenant(TestData.NewTenant());
        await using var receiver = await NotificationReceiver.StartAsync();
        var subscription = await client.CreateSubscriptionOkAsync(SubscriptionKit.Subscription(SubscriptionKit.NewId(), "Alert", receiver.Url()));
        var id = TestData.NewId("Gauge");
        await client.CreateOkAsync(TestData.Parse($$$"""{"id":"{{{id}}}","type":"Gauge","level":{"type":"Property","value":1}}"""));
        (await client.PostAsync(Rules, Rule("high", "Gauge", """{"kind":"threshold","attribute":"level","above":10}"""))).ShouldHaveStatus(201);

        await SetAsync(client, id, 12);

        var notification = await receiver.WaitForAsync(n => n.SubscriptionId == subscription, "the alarm's notification");
        Assert.Equal("Alert", notification.Entity()["type"]!.GetValue<string>());
        Assert.Equal(id, notification.Entity()["alertSource"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rate_of_change_and_geofence_rules_raise_on_the_reading_that_breaks_them()
    {
        var client = Tenant(TestData.NewTenant());
        var gauge = TestData.NewId("Gauge");
        await client.CreateOkAsync(TestData.Parse($$$"""{"id":"{{{gauge}}}","type":"Gauge","level":{"type":"Property","value":1,"observedAt":"2026-03-01T10:00:00Z"}}"""));
        (await client.PostAsync(Rules, Rule("surge", "Gauge", """{"kind":"rateOfChange","attribute":"level","limit":1,"per":"PT1H"}"""))).ShouldHaveStatus(201);
        var bus = TestData.NewId("Bus");
        await client.CreateOkAsync(TestData.Parse($$$"""{"id":"{{{bus}}}","type":"Bus","location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.65,49.87]}}""" + "}"));
        (await client.PostAsync(Rules, Rule("depot", "Bus", """
            {"kind":"geofence","inside":false,"area":{"type":"Polygon","coordinates":[[[8.6,49.8],[8.7,49.8],[8.7,49.9],[8.6,49.9],[8.6,49.8]]]}}
            """))).ShouldHaveStatus(201);

        await SetAsync(client, gauge, 1.5, 30);
        Assert.Empty(await OpenAsync(client));
        await SetAsync(client, gauge, 3, 40);
        (await client.PatchAsync($"ngsi-ld/v1/entities/{bus}/attrs", TestData.Parse("""{"location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[9.1,49.87]}}}""")))
            .ShouldHaveStatus(204);

        var open = await OpenAsync(client);
        Assert.Equal([bus, gauge], open.Select(a => a!["alertSource"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_silent_sensor_raises_an_alarm_by_the_clock_and_its_next_reading_clears_it()
    {
        var client = Tenant(TestData.NewTenant());
        var id = TestData.NewId("Gauge");
        await client.CreateOkAsync(TestData.Parse($$$"""{"id":"{{{id}}}","type":"Gauge","level":{"type":"Property","value":1,"observedAt":"2020-01-01T00:00:00Z"}}"""));
        (await client.PostAsync(Rules, Rule("silent", "Gauge", """{"kind":"staleness","attribute":"level","silentFor":"PT1H"}"""))).ShouldHaveStatus(201);

        var deadline = DateTime.UtcNow + Patience;
        while ((await OpenAsync(client)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The silent sensor's alarm was never raised.");
            await Task.Delay(100);
        }
        Assert.Contains("no reading of level", Assert.Single(await OpenAsync(client))!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        (await client.PatchAsync($"ngsi-ld/v1/entities/{id}/attrs", TestData.Parse($$$"""{"level":{"type":"Property","value":2,"observedAt":"{{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}}"}}""")))
            .ShouldHaveStatus(204);
        Assert.Empty(await OpenAsync(client));
    }

    [Theory]
    [InlineData("""{"entityType":"Gauge","condition":{"kind":"threshold","attribute":"level","above":1}}""")]
    [InlineData("""{"id":"x","condition":{"kind":"threshold","attribute":"level","above":1}}""")]
    [InlineData("""{"id":"x","entityType":"Gauge","condition":{"kind":"threshold","attribute":"level"}}""")]
    [InlineData("""{"id":"x","entityType":"Gauge","condition":{"kind":"threshold","attribute":"level","above":1,"below":0}}""")]
    [InlineData("""{"id":"x","entityType":"Gauge","severity":"apocalyptic","condition":{"kind":"threshold","attribute":"level","above":1}}""")]
    [InlineData("""{"id":"x","entityType":"Gauge","condition":{"kind":"sometimes"}}""")]
    [InlineData("""{"id":"x","entityType":"Gauge","condition":{"kind":"staleness","attribute":"level","silentFor":"soon"}}""")]
    [InlineData("""{"id":"x","entityType":"Gauge","readings":0,"condition":{"kind":"threshold","attribute":"level","above":1}}""")]
    [InlineData("""{"id":"x","entityType":"Gauge","condition":{"kind":"geofence","area":{"type":"Point","coordinates":[8,49]}}}""")]
    [InlineData("""{"id":"x y","entityType":"Gauge","condition":{"kind":"threshold","attribute":"level","above":1}}""")]
    public async Task A_bad_rule_is_refused_with_400_and_nothing_is_stored(string rule)
    {
        var client = Tenant(TestData.NewTenant());

        (await client.PostAsync(Rules, TestData.Parse(rule))).ShouldBeProblem(400, "BadRequestData");

        Assert.Empty((await client.GetAsync(Rules)).ShouldHaveStatus(200).Array);
    }

    [Fact]
    public async Task Rules_are_per_tenant_replaced_and_deleted_and_a_duplicate_is_refused()
    {
        var client = Tenant(TestData.NewTenant());
        var rule = Rule("r1", "Gauge", """{"kind":"threshold","attribute":"level","above":1}""");
        (await client.PostAsync(Rules, rule)).ShouldHaveStatus(201);
        (await client.PostAsync(Rules, rule)).ShouldBeProblem(409, "AlreadyExists");
        Assert.Empty((await Tenant(TestData.NewTenant()).GetAsync(Rules)).Array);

        (await client.PutAsync($"{Rules}/r1", Rule("r1", "Gauge", """{"kind":"threshold","attribute":"level","above":5}"""))).ShouldHaveStatus(204);
        Assert.Equal(5, (await client.GetAsync($"{Rules}/r1")).Object["condition"]!["above"]!.GetValue<double>());
        (await client.DeleteAsync($"{Rules}/r1")).ShouldHaveStatus(204);
        (await client.GetAsync($"{Rules}/r1")).ShouldBeProblem(404, "ResourceNotFound");
    }
}
