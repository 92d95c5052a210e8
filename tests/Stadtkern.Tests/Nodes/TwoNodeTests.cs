using System.Net;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Stadtkern.Tests.Store.Contract;
using Stadtkern.Tests.Subscriptions;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Nodes.NodePair;

namespace Stadtkern.Tests.Nodes;

/// <summary>
/// Two real processes on one PostgreSQL and one mosquitto behave as one broker: a write on one is read on the other at
/// once, a subscription made on one notifies each change once whichever node took the change, device traffic is spread
/// over both, and one node leads the scheduled jobs.
/// </summary>
public sealed class TwoNodeTests(PostgresBackend backend) : IClassFixture<PostgresBackend>
{
    private const int Updates = 40;

    [SkippableFact]
    public async Task Two_nodes_on_one_database_answer_as_one_broker_and_notify_each_change_once()
    {
        await using var nodes = await StartAsync(await backend.ConnectionAsync());
        await using var receiver = await NotificationReceiver.StartAsync();

        var meter = await CreateMeterAsync(nodes.HttpA);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(nodes.HttpB, HttpMethod.Get, $"/ngsi-ld/v1/entities/{Uri.EscapeDataString(meter)}"));

        var subscriptionId = await NodeSubscription.CreateOnAAndWaitForBAsync(nodes, receiver);
        for (var i = 1; i <= Updates; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, await ReadAsync(i % 2 == 1 ? nodes.HttpA : nodes.HttpB, meter, i));
        }
        await WaitForAsync(async () => NodeSubscription.Readings(receiver, subscriptionId, meter).Count >= Updates && await nodes.OutboxAsync() == 0,
            "every update notified and the outbox empty");

        Assert.Equal(Enumerable.Range(1, Updates).Select(i => (double)i), NodeSubscription.Readings(receiver, subscriptionId, meter));
        await WaitForAsync(async () => await MetricAsync(nodes.HttpA, "stadtkern_node_leader") + await MetricAsync(nodes.HttpB, "stadtkern_node_leader") == 1,
            "exactly one node leading the jobs");
    }

    [SkippableFact]
    public async Task Device_traffic_on_the_shared_subscription_is_spread_over_both_nodes_and_taken_in_once()
    {
        await using var nodes = await StartAsync(await backend.ConnectionAsync());
        await WaitForAsync(async () => await MetricAsync(nodes.HttpA, "stadtkern_mqtt_client_connected") == 1
            && await MetricAsync(nodes.HttpB, "stadtkern_mqtt_client_connected") == 1, "both nodes connected to mosquitto");
        var address = new Uri(nodes.Mosquitto);
        using var device = await MqttDevice.ConnectAsync(address.Port, address.Host);
        var sensor = TestData.NewId("Sensor");

        for (var i = 1; i <= Updates; i++)
            await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"ngsi-ld/default/entities/{sensor}/attrs")
                .WithPayload(Encoding.UTF8.GetBytes(FormattableString.Invariant(
                    $$"""{"type":"Sensor","level":{"type":"Property","value":{{i}},"observedAt":"2026-01-01T00:00:{{i:00}}Z"}""") + "}"))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        var history = 0;
        await WaitForAsync(async () => (history = await HistoryCountAsync(nodes.HttpB, sensor)) >= Updates, "every reading in the history");
        Assert.Equal(Updates, history);
        Assert.True(await MetricAsync(nodes.HttpA, "stadtkern_mqtt_client_received_total") > 0, "node A took none of the device traffic");
        Assert.True(await MetricAsync(nodes.HttpB, "stadtkern_mqtt_client_received_total") > 0, "node B took none of the device traffic");
    }

    private static async Task<int> HistoryCountAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/ngsi-ld/v1/temporal/entities/{Uri.EscapeDataString(id)}?options=temporalValues&lastN=1000");
        if (response.StatusCode != HttpStatusCode.OK) return 0;
        var body = TestData.Parse(await response.Content.ReadAsStringAsync());
        return body["level"]?["values"]?.AsArray().Count ?? 0;
    }
}
