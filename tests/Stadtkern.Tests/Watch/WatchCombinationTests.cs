using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Watch;

/// <summary>
/// Rules that combine conditions over several attributes of one entity (all / any), and conditions that must hold for a
/// period, which the clock completes when no further reading comes.
/// </summary>
public sealed class WatchCombinationTests(WatchTests.WithWatch fixture) : IClassFixture<WatchTests.WithWatch>
{
    private const string Rules = "stadtkern/v1/watch/rules";
    private const string Alarms = "stadtkern/v1/control-room/alarms";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private NgsiClient NewTenant() => fixture.Client.ForTenant(TestData.NewTenant());

    private static JsonObject Rule(string id, string condition, string extra = "") =>
        TestData.Parse($$$"""{"id":"{{{id}}}","entityType":"Gauge","severity":"high","condition":{{{condition}}}{{{extra}}}}""");

    private static async Task<string> GaugeAsync(NgsiClient client)
    {
        var id = TestData.NewId("Gauge");
        await client.CreateOkAsync(TestData.Parse($$$"""{"id":"{{{id}}}","type":"Gauge","level":{"type":"Property","value":1},"flow":{"type":"Property","value":10}}"""));
        return id;
    }

    private static async Task SetAsync(NgsiClient client, string id, string attribute, double value, DateTime? observedAt = null)
    {
        var at = (observedAt ?? DateTime.UtcNow).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        (await client.PatchAsync($"ngsi-ld/v1/entities/{id}/attrs", TestData.Parse($$$"""{"{{{attribute}}}":{"type":"Property","value":{{{value}}},"observedAt":"{{{at}}}"}}""")))
            .ShouldHaveStatus(204);
    }

    private static async Task<JsonArray> OpenAsync(NgsiClient client) => (await client.GetAsync(Alarms)).ShouldHaveStatus(200).Array;

    private const string LevelAndFlow = """
        {"kind":"all","conditions":[{"kind":"threshold","attribute":"level","above":7,"hysteresis":1},{"kind":"threshold","attribute":"flow","above":100}]}
        """;

    private const string LevelOrFlow = """
        {"kind":"any","conditions":[{"kind":"threshold","attribute":"level","above":7,"hysteresis":1},{"kind":"threshold","attribute":"flow","above":100}]}
        """;

    [Fact]
    public async Task An_all_rule_raises_only_when_every_condition_holds_and_clears_when_one_recovers_past_its_hysteresis()
    {
        var client = NewTenant();
        var id = await GaugeAsync(client);
        (await client.PostAsync(Rules, Rule("flood", LevelAndFlow))).ShouldHaveStatus(201);

        await SetAsync(client, id, "level", 8);
        Assert.Empty(await OpenAsync(client));
        await SetAsync(client, id, "flow", 150);

        var alarm = Assert.Single(await OpenAsync(client))!;
        var description = alarm["description"]!.GetValue<string>();
        Assert.Contains("level 8 above 7", description, StringComparison.Ordinal);
        Assert.Contains(" and flow 150 above 100", description, StringComparison.Ordinal);
        Assert.Equal(150, (await client.RetrieveOkAsync(alarm["id"]!.GetValue<string>()))["triggerValue"]!["value"]!.GetValue<double>());

        await SetAsync(client, id, "level", 6.5);
        Assert.Single(await OpenAsync(client));
        await SetAsync(client, id, "level", 5.9);
        Assert.Empty(await OpenAsync(client));
    }

    [Fact]
    public async Task An_any_rule_raises_when_one_condition_holds_and_clears_only_when_all_have_recovered()
    {
        var client = NewTenant();
        var id = await GaugeAsync(client);
        (await client.PostAsync(Rules, Rule("either", LevelOrFlow))).ShouldHaveStatus(201);

        await SetAsync(client, id, "flow", 120);
        var alarm = Assert.Single(await OpenAsync(client))!;
        Assert.Equal("either: flow 120 above 100", alarm["description"]!.GetValue<string>());
        await SetAsync(client, id, "level", 9);
        await SetAsync(client, id, "flow", 50);
        Assert.Equal(alarm["id"]!.GetValue<string>(), Assert.Single(await OpenAsync(client))!["id"]!.GetValue<string>());

        await SetAsync(client, id, "level", 6);
        Assert.Empty(await OpenAsync(client));
    }

    [Fact]
    public async Task A_condition_held_for_its_period_raises_by_the_clock_without_a_further_reading()
    {
        var client = NewTenant();
        var held = await GaugeAsync(client);
        var recovered = await GaugeAsync(client);
        var tooFewReadings = await GaugeAsync(client);
        (await client.PostAsync(Rules, Rule("long-high", """{"kind":"threshold","attribute":"level","above":7}""", ""","for":"PT5M" """))).ShouldHaveStatus(201);
        (await client.PostAsync(Rules, Rule("long-high-twice", """{"kind":"threshold","attribute":"flow","above":100}""", ""","for":"PT5M","readings":2 """)))
            .ShouldHaveStatus(201);
        var tenMinutesAgo = DateTime.UtcNow.AddMinutes(-10);

        // Each first violating reading alone cannot raise: it is its own start. Only the clock can complete the period.
        await SetAsync(client, held, "level", 9, tenMinutesAgo);
        await SetAsync(client, recovered, "level", 9, tenMinutesAgo);
        await SetAsync(client, recovered, "level", 3, tenMinutesAgo.AddMinutes(1));
        await SetAsync(client, tooFewReadings, "flow", 150, tenMinutesAgo);

        var deadline = DateTime.UtcNow + Patience;
        JsonArray open;
        while ((open = await OpenAsync(client)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The held condition's alarm was never raised by the clock.");
            await Task.Delay(100);
        }
        // The others were checked on the same tick.
        var alarm = Assert.Single(open)!;
        Assert.Equal(held, alarm["alertSource"]!.GetValue<string>());
        Assert.Equal("long-high: level 9 above 7", alarm["description"]!.GetValue<string>());

        // A second reading completes the two-reading rule; its period has long passed, so it is raised at once.
        await SetAsync(client, tooFewReadings, "flow", 160, tenMinutesAgo.AddMinutes(6));
        Assert.Equal(2, (await OpenAsync(client)).Count);
    }

    [Fact]
    public async Task An_alarm_raised_by_work_that_fails_is_undone_with_it_and_the_next_reading_raises_it_for_real()
    {
        var tenant = TestData.NewTenant();
        var client = fixture.Client.ForTenant(tenant);
        var id = await GaugeAsync(client);
        (await client.PostAsync(Rules, Rule("high", """{"kind":"threshold","attribute":"level","above":7}"""))).ShouldHaveStatus(201);
        var entities = fixture.Broker.Services.GetRequiredService<Stadtkern.Broker.EntityService>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => entities.WriteAsync<bool>(tenant, tx =>
        {
            entities.AppendWithin(tx, id, TestData.Parse("""{"level":{"type":"Property","value":9}}"""));
            throw new InvalidOperationException("the rest of the work failed");
        }, CancellationToken.None));

        Assert.Empty(await OpenAsync(client));
        Assert.Equal(1, (await client.RetrieveOkAsync(id))["level"]!["value"]!.GetValue<double>());
        await SetAsync(client, id, "level", 9);
        Assert.Single(await OpenAsync(client));
    }

    [Theory]
    [InlineData("""{"kind":"all","conditions":[{"kind":"threshold","attribute":"level","above":1}]}""")]
    [InlineData("""{"kind":"any","conditions":"level"}""")]
    [InlineData("""{"kind":"any","conditions":[{"kind":"threshold","attribute":"level","above":1},{"kind":"staleness","attribute":"level","silentFor":"PT1H"}]}""")]
    [InlineData("""{"kind":"all","conditions":[{"kind":"threshold","attribute":"level","above":1},{"kind":"threshold","attribute":"flow"}]}""")]
    [InlineData("""
        {"kind":"all","conditions":[{"kind":"threshold","attribute":"a","above":1},{"kind":"any","conditions":[{"kind":"threshold","attribute":"b","above":1},
        {"kind":"all","conditions":[{"kind":"threshold","attribute":"c","above":1},{"kind":"any","conditions":[{"kind":"threshold","attribute":"d","above":1},
        {"kind":"threshold","attribute":"e","above":1}]}]}]}]}
        """)]
    public async Task A_bad_combination_is_refused_with_400_and_nothing_is_stored(string condition)
    {
        var client = NewTenant();

        (await client.PostAsync(Rules, Rule("bad", condition))).ShouldBeProblem(400, "BadRequestData");

        Assert.Empty((await client.GetAsync(Rules)).ShouldHaveStatus(200).Array);
    }
}
