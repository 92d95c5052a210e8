using System.Text.Json.Nodes;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Subscriptions.SubscriptionKit;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>A broker whose in-process MQTT broker listens on a port of its own, as an MQTT notification target.</summary>
public sealed class MqttTargetFixture : BrokerFixture
{
    public int MqttPort { get; } = FreePort.Next();

    protected override void Configure(StadtkernOptions options) => options.MqttPort = MqttPort;
}

/// <summary>
/// MQTT notification endpoints (the MQTT binding): the notification reaches a subscriber of the endpoint's topic, on the
/// in-process broker, on mosquitto, and on a broker that was down when it was queued; version and QoS follow notifierInfo.
/// </summary>
public sealed class MqttNotificationTests(MqttTargetFixture fixture) : IClassFixture<MqttTargetFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private static JsonObject MqttSubscription(string type, string uri, string version, string qos, string members = "{}")
    {
        var subscription = Subscription(NewId(), type, uri, members);
        var endpoint = (JsonObject)subscription["notification"]!["endpoint"]!;
        endpoint["notifierInfo"] = new JsonArray(
            new JsonObject { ["key"] = "MQTT-Version", ["value"] = version },
            new JsonObject { ["key"] = "MQTT-QoS", ["value"] = qos });
        endpoint["receiverInfo"] = new JsonArray(new JsonObject { ["key"] = "X-Stadtkern-Test", ["value"] = "parking" });
        return subscription;
    }

    [Theory]
    [InlineData("1", MqttQualityOfServiceLevel.AtLeastOnce)]
    [InlineData("0", MqttQualityOfServiceLevel.AtMostOnce)]
    public async Task The_in_process_broker_delivers_an_MQTT_5_notification_with_receiverInfo_as_user_properties(string qos, MqttQualityOfServiceLevel expected)
    {
        await using var listener = await MqttNotificationListener.StartAsync("127.0.0.1", fixture.MqttPort);
        var type = TestData.NewType();
        var subscription = await _client.CreateSubscriptionOkAsync(
            MqttSubscription(type, $"mqtt://127.0.0.1:{fixture.MqttPort}/{listener.Topic}", "mqtt5.0", qos, """{"notification":{"format":"keyValues"}}"""));
        var id = TestData.NewId();

        await _client.CreateOkAsync(TestData.Entity(id, type, 12));

        var message = await listener.WaitForAsync(subscription);
        Assert.Equal(expected, message.Qos);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("parking", message.UserProperties["X-Stadtkern-Test"]);
        Assert.Contains("rel=\"http://www.w3.org/ns/json-ld#context\"", message.UserProperties["Link"]);
        Assert.Equal("parking", message.Payload["metadata"]!["X-Stadtkern-Test"]!.GetValue<string>());
        Assert.Equal("application/json", message.Payload["metadata"]!["Content-Type"]!.GetValue<string>());
        Assert.Equal("Notification", message.Notification["type"]!.GetValue<string>());
        Assert.NotNull(message.Notification["notifiedAt"]);
        Assert.Equal(id, message.Entity()["id"]!.GetValue<string>());
        Assert.Equal(12, message.Entity()["temperature"]!.GetValue<double>());
        await _client.WaitForSubscriptionAsync(subscription, s => s["notification"]?["status"]?.GetValue<string>() == "ok", "status ok");
        // A notification is output: the broker's own ingest must not take it for a reading and keep it as a dead letter.
        Assert.DoesNotContain(listener.Topic, await fixture.Broker.Http.GetStringAsync("stadtkern/v1/ingest/dead-letters"));
    }

    [Fact]
    public async Task An_MQTT_3_1_1_notification_carries_the_headers_as_metadata_beside_the_body()
    {
        await using var listener = await MqttNotificationListener.StartAsync("127.0.0.1", fixture.MqttPort, MqttProtocolVersion.V311);
        var type = TestData.NewType();
        var subscription = await _client.CreateSubscriptionOkAsync(
            MqttSubscription(type, $"mqtt://localhost:{fixture.MqttPort}/{listener.Topic}", "mqtt3.1.1", "1"));
        var id = TestData.NewId();

        await _client.CreateOkAsync(TestData.Entity(id, type, 4));

        var message = await listener.WaitForAsync(subscription);
        var metadata = (JsonObject)message.Payload["metadata"]!;
        Assert.Equal("application/json", metadata["Content-Type"]!.GetValue<string>());
        Assert.Equal("parking", metadata["X-Stadtkern-Test"]!.GetValue<string>());
        Assert.Equal(4, message.Entity()["temperature"]!["value"]!.GetValue<double>());
    }

    [SkippableFact]
    public async Task Mosquitto_gets_notifications_with_QoS_1_and_2()
    {
        var mosquitto = new Uri(ExternalServices.MqttBroker());
        await using var listener = await MqttNotificationListener.StartAsync(mosquitto.Host, mosquitto.Port);
        var type = TestData.NewType();
        var uri = $"mqtt://{mosquitto.Host}:{mosquitto.Port}/{listener.Topic}";
        var atLeastOnce = await _client.CreateSubscriptionOkAsync(MqttSubscription(type, uri, "mqtt5.0", "1"));
        var exactlyOnce = await _client.CreateSubscriptionOkAsync(MqttSubscription(type, uri, "mqtt3.1.1", "2"));
        var id = TestData.NewId();

        await _client.CreateOkAsync(TestData.Entity(id, type, 8));

        var first = await listener.WaitForAsync(atLeastOnce, "the QoS 1 notification");
        var second = await listener.WaitForAsync(exactlyOnce, "the QoS 2 notification");
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, first.Qos);
        Assert.Equal("parking", first.UserProperties["X-Stadtkern-Test"]);
        Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, second.Qos);
        Assert.Equal(id, second.Entity()["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_broker_that_is_down_gets_the_notification_when_it_is_up_and_the_status_shows_the_failures_meanwhile()
    {
        var port = FreePort.Next();
        var topic = $"stadtkern-test/{Guid.NewGuid():N}";
        var type = TestData.NewType();
        var subscription = await _client.CreateSubscriptionOkAsync(MqttSubscription(type, $"mqtt://127.0.0.1:{port}/{topic}", "mqtt5.0", "1"));
        var id = TestData.NewId();

        await _client.CreateOkAsync(TestData.Entity(id, type, 21));
        var failed = await _client.WaitForSubscriptionAsync(subscription, s => s["notification"]?["status"]?.GetValue<string>() == "failed", "a failed attempt");
        Assert.True(failed["notification"]!["timesFailed"]!.GetValue<long>() >= 1);
        Assert.NotNull(failed["notification"]!["lastFailure"]);

        var listening = false;
        using var target = await StartServerAsync(port, () => listening);
        await using var listener = await MqttNotificationListener.StartAsync("127.0.0.1", port, topic: topic);
        listening = true;

        var message = await listener.WaitForAsync(subscription, "the notification queued while the broker was down");
        Assert.Equal(id, message.Entity()["id"]!.GetValue<string>());
        await _client.WaitForSubscriptionAsync(subscription, s => s["notification"]?["status"]?.GetValue<string>() == "ok", "status ok after delivery");
        await target.StopAsync();
    }

    [Fact]
    public async Task A_queued_MQTT_notification_survives_a_restart_with_its_version_and_QoS()
    {
        using var directory = new TempDirectory("mqtt-notify-restart");
        var port = FreePort.Next();
        var topic = $"stadtkern-test/{Guid.NewGuid():N}";
        var type = TestData.NewType();
        var id = TestData.NewId();
        string subscription;
        await using (var first = await TestBroker.StartAsync(dataDirectory: directory.Path))
        {
            subscription = await first.Client.CreateSubscriptionOkAsync(MqttSubscription(type, $"mqtt://127.0.0.1:{port}/{topic}", "mqtt3.1.1", "1"));
            await first.Client.CreateOkAsync(TestData.Entity(id, type, 5));
        }
        using var target = await StartServerAsync(port, () => true);
        await using var listener = await MqttNotificationListener.StartAsync("127.0.0.1", port, topic: topic);

        await using var second = await TestBroker.StartAsync(dataDirectory: directory.Path);

        var message = await listener.WaitForAsync(subscription, "the notification queued before the restart");
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, message.Qos);
        Assert.NotNull(message.Payload["metadata"]);
        Assert.Equal(id, message.Entity()["id"]!.GetValue<string>());
        await target.StopAsync();
    }

    [Fact]
    public async Task An_HTTP_endpoint_is_notified_while_an_MQTT_endpoint_beside_it_is_dead()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var type = TestData.NewType();
        var dead = await _client.CreateSubscriptionOkAsync(MqttSubscription(type, $"mqtt://127.0.0.1:{FreePort.Next()}/nobody", "mqtt5.0", "1"));
        var http = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, receiver.Url()));
        var id = TestData.NewId();

        for (var i = 0; i < 3; i++) await _client.CreateOkAsync(TestData.Entity($"{id}-{i}", type, i));

        await receiver.WaitForCountAsync(http, 3);
        var status = await _client.WaitForSubscriptionAsync(dead, s => s["notification"]?["status"]?.GetValue<string>() == "failed", "the dead endpoint failing");
        Assert.Null(status["notification"]!["lastSuccess"]);
    }

    [Theory]
    [InlineData("MQTT-Version", "mqtt4")]
    [InlineData("MQTT-QoS", "3")]
    [InlineData("MQTT-QoS", "one")]
    public async Task An_update_with_bad_notifierInfo_is_refused_and_changes_nothing(string key, string value)
    {
        var uri = $"mqtt://127.0.0.1:{fixture.MqttPort}/stadtkern-test/unchanged";
        var subscription = await _client.CreateSubscriptionOkAsync(MqttSubscription(TestData.NewType(), uri, "mqtt5.0", "1"));
        var notifierInfo = new JsonArray(new JsonObject { ["key"] = key, ["value"] = value });
        var fragment = new JsonObject { ["notification"] = new JsonObject { ["endpoint"] = new JsonObject { ["uri"] = uri, ["notifierInfo"] = notifierInfo } } };

        (await _client.PatchSubscriptionAsync(subscription, fragment)).ShouldBeProblem(400, "BadRequestData");

        var stored = await _client.RetrieveSubscriptionOkAsync(subscription);
        Assert.Contains(stored["notification"]!["endpoint"]!["notifierInfo"]!.AsArray(), p => p!["value"]!.GetValue<string>() == "mqtt5.0");
    }

    /// <summary>A broker on <paramref name="port"/> that turns Stadtkern away until the test's listener has subscribed, so that nothing is published to no one.</summary>
    private static async Task<MqttServer> StartServerAsync(int port, Func<bool> open)
    {
        var factory = new MqttServerFactory();
        var server = factory.CreateMqttServer(factory.CreateServerOptionsBuilder().WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback).WithDefaultEndpointBoundIPV6Address(System.Net.IPAddress.None)
            .WithDefaultEndpointPort(port).Build());
        server.ValidatingConnectionAsync += e =>
        {
            if (!open() && !e.ClientId.StartsWith("listener-", StringComparison.Ordinal)) e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            return Task.CompletedTask;
        };
        await server.StartAsync();
        return server;
    }
}
