using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest;

/// <summary>
/// Stadtkern as a client of the city's own broker (mosquitto here, started by scripts/services.sh): it subscribes with a
/// persistent session, takes readings in as from the in-process broker, and loses none while it is away.
/// </summary>
public sealed class ExternalMqttBrokerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Action<StadtkernOptions> ClientOf(string broker, string clientId, string group = "") => o =>
    {
        o.MqttBroker = broker;
        o.MqttClientId = clientId;
        o.MqttSharedGroup = group;
    };

    private static Task<IMqttClient> DeviceAsync(string broker)
    {
        var address = new Uri(broker);
        return MqttDevice.ConnectAsync(address.Port, address.Host);
    }

    private static Task PublishAsync(IMqttClient device, string id, double value, int second = 0) =>
        device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"ngsi-ld/default/entities/{id}/attrs")
            .WithPayload(Encoding.UTF8.GetBytes(FormattableString.Invariant(
                $$"""{"type":"Sensor","level":{"type":"Property","value":{{value}},"observedAt":"2026-01-01T00:{{second / 60:00}}:{{second % 60:00}}Z"}""") + "}"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>Waits for the client to be connected and subscribed, as its gauge in /metrics says.</summary>
    private static async Task WaitConnectedAsync(TestBroker broker)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!(await broker.Http.GetStringAsync("metrics")).Contains("stadtkern_mqtt_client_connected 1", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "The MQTT client did not connect to the external broker.");
            await Task.Delay(50);
        }
    }

    /// <summary>How many instances of <c>level</c> the history of <paramref name="id"/> holds, once it has at least <paramref name="expected"/> (or the patience runs out).</summary>
    private static async Task<int> HistoryOfAsync(TestBroker broker, string id, int expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var reply = await broker.Client.GetAsync($"ngsi-ld/v1/temporal/entities/{Uri.EscapeDataString(id)}?options=temporalValues&lastN=1000");
            var count = reply.Status == 200 && reply.Object["level"]?["values"] is { } values ? values.AsArray().Count : 0;
            if (count >= expected || DateTime.UtcNow > deadline) return count;
            await Task.Delay(50);
        }
    }

    [SkippableFact]
    public async Task Readings_on_the_citys_broker_reach_the_context_graph_and_its_history_in_the_order_published()
    {
        var mosquitto = ExternalServices.MqttBroker();
        await using var stadtkern = await TestBroker.StartAsync(ClientOf(mosquitto, "stadtkern-" + Guid.NewGuid().ToString("N")));
        await WaitConnectedAsync(stadtkern);
        using var device = await DeviceAsync(mosquitto);
        var id = TestData.NewId("Sensor");

        for (var i = 1; i <= 50; i++) await PublishAsync(device, id, i, i);

        Assert.Equal(50, await HistoryOfAsync(stadtkern, id, 50));
        Assert.Equal(50, TestData.ValueOf(await stadtkern.Client.RetrieveOkAsync(id), "level")!.GetValue<double>());
    }

    [SkippableFact]
    public async Task A_mapping_rule_created_over_the_API_is_subscribed_on_the_citys_broker_at_once()
    {
        var mosquitto = ExternalServices.MqttBroker();
        await using var stadtkern = await TestBroker.StartAsync(ClientOf(mosquitto, "stadtkern-" + Guid.NewGuid().ToString("N")));
        await WaitConnectedAsync(stadtkern);
        var prefix = "city" + Guid.NewGuid().ToString("N")[..8];
        var rule = TestData.Parse($$"""
            {"id":"{{prefix}}","topic":"{{prefix}}/level/{meter}","entityId":"urn:ngsi-ld:Meter:{meter}","entityType":"Meter",
             "attributes":[{"field":"v","attribute":"level","type":"number","scale":0.1}]}
            """);
        (await stadtkern.Client.PostAsync("stadtkern/v1/ingest/mappings", rule)).ShouldHaveStatus(201);
        using var device = await DeviceAsync(mosquitto);

        var id = "urn:ngsi-ld:Meter:" + prefix;
        var deadline = DateTime.UtcNow + Patience;
        // The subscription follows the rule asynchronously: publish until a reading arrives.
        while ((await stadtkern.Client.RetrieveAsync(id)).Status != 200)
        {
            Assert.True(DateTime.UtcNow < deadline, "The mapped reading never arrived.");
            await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{prefix}/level/{prefix}").WithPayload("""{"v":215}"""u8.ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await Task.Delay(100);
        }
        Assert.Equal(21.5, TestData.ValueOf(await stadtkern.Client.RetrieveOkAsync(id), "level")!.GetValue<double>());

        (await stadtkern.Client.DeleteAsync($"stadtkern/v1/ingest/mappings/{prefix}")).ShouldHaveStatus(204);
        var metrics = await stadtkern.Http.GetStringAsync("metrics");
        Assert.Contains("stadtkern_mqtt_client_connected 1", metrics, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Readings_published_while_Stadtkern_is_away_wait_on_the_broker_and_are_taken_in_after_the_restart()
    {
        var mosquitto = ExternalServices.MqttBroker();
        var clientId = "stadtkern-" + Guid.NewGuid().ToString("N");
        using var data = new TempDirectory("mqtt-away");
        var id = TestData.NewId("Sensor");
        await using (var first = await TestBroker.StartAsync(ClientOf(mosquitto, clientId), data.Path))
            await WaitConnectedAsync(first);

        using (var device = await DeviceAsync(mosquitto))
            for (var i = 1; i <= 30; i++) await PublishAsync(device, id, i, i);

        await using var second = await TestBroker.StartAsync(ClientOf(mosquitto, clientId), data.Path);
        Assert.Equal(30, await HistoryOfAsync(second, id, 30));
    }

    [SkippableFact]
    public async Task Nodes_in_one_shared_group_split_the_readings_between_them_and_take_each_once()
    {
        var mosquitto = ExternalServices.MqttBroker();
        var group = "g" + Guid.NewGuid().ToString("N")[..8];
        await using var one = await TestBroker.StartAsync(ClientOf(mosquitto, "one-" + Guid.NewGuid().ToString("N"), group));
        await using var two = await TestBroker.StartAsync(ClientOf(mosquitto, "two-" + Guid.NewGuid().ToString("N"), group));
        await WaitConnectedAsync(one);
        await WaitConnectedAsync(two);
        using var device = await DeviceAsync(mosquitto);
        var ids = Enumerable.Range(0, 40).Select(_ => TestData.NewId("Sensor")).ToList();

        foreach (var id in ids) await PublishAsync(device, id, 1);

        var deadline = DateTime.UtcNow + Patience;
        int inOne, inTwo;
        do
        {
            await Task.Delay(100);
            inOne = await CountAsync(one);
            inTwo = await CountAsync(two);
        }
        while (inOne + inTwo < ids.Count && DateTime.UtcNow < deadline);
        Assert.Equal(ids.Count, inOne + inTwo);
        Assert.True(inOne > 0 && inTwo > 0, $"One node took all readings: {inOne} and {inTwo}.");
    }

    private static async Task<int> CountAsync(TestBroker broker)
    {
        var reply = await broker.Client.GetAsync("ngsi-ld/v1/entities?type=Sensor&count=true&limit=0");
        return int.Parse(reply.Header("NGSILD-Results-Count") ?? throw new Xunit.Sdk.XunitException($"No count: {reply}"), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_unreachable_broker_is_retried_while_the_API_serves_and_the_gauge_says_so()
    {
        await using var stadtkern = await TestBroker.StartAsync(ClientOf($"mqtt://127.0.0.1:{FreePort.Next()}", "nobody"));

        var metrics = await stadtkern.Http.GetStringAsync("metrics");

        Assert.Contains("stadtkern_mqtt_client_connected 0", metrics, StringComparison.Ordinal);
        (await stadtkern.Client.RetrieveAsync(TestData.NewId())).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Theory]
    [InlineData("http://127.0.0.1:1883")]
    [InlineData("mqtt://user:secret@127.0.0.1:1883")]
    [InlineData("mqtt://127.0.0.1:1883/topic")]
    [InlineData("127.0.0.1:1883")]
    public async Task A_broker_address_that_cannot_be_right_stops_the_start_with_a_clear_message(string address)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestBroker.StartAsync(ClientOf(address, "x")));

        Assert.Contains("mqtt://host:port", error.Message, StringComparison.Ordinal);
    }
}
