using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>One MQTT message as a subscriber got it: the parsed payload, its content type, user properties and QoS.</summary>
public sealed record ReceivedMqttMessage(string Topic, JsonObject Payload, string? ContentType, IReadOnlyDictionary<string, string> UserProperties,
    MqttQualityOfServiceLevel Qos)
{
    /// <summary>The notification: the payload with MQTT 5, its <c>body</c> with MQTT 3.1.1.</summary>
    /// <summary>The notification: the payload's <c>body</c> (the MQTT binding wraps it with the headers as <c>metadata</c>).</summary>
    public JsonObject Notification => Payload["body"] as JsonObject ?? throw new Xunit.Sdk.XunitException($"The payload has no 'body': {Payload.ToJsonString()}");

    public string SubscriptionId => Notification["subscriptionId"]!.GetValue<string>();

    public JsonObject Entity(int index = 0) => (JsonObject)Notification["data"]![index]!;
}

/// <summary>A real MQTT client subscribed to one topic of a broker, recording every message that arrives there.</summary>
public sealed class MqttNotificationListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMqttMessage> _received = new();
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private MqttNotificationListener(string topic) => Topic = topic;

    public string Topic { get; }

    public IReadOnlyList<ReceivedMqttMessage> Received => [.. _received];

    /// <summary>Connects to the broker at host:port and subscribes to a fresh topic (or <paramref name="topic"/>) with QoS 2, so the sender's QoS is what arrives.</summary>
    public static async Task<MqttNotificationListener> StartAsync(string host, int port, MqttProtocolVersion version = MqttProtocolVersion.V500, string? topic = null)
    {
        var listener = new MqttNotificationListener(topic ?? $"stadtkern-test/{Guid.NewGuid():N}");
        listener._client.ApplicationMessageReceivedAsync += e =>
        {
            var message = e.ApplicationMessage;
            var properties = (message.UserProperties ?? []).ToDictionary(p => p.Name, p => Encoding.UTF8.GetString(p.ValueBuffer.Span), StringComparer.OrdinalIgnoreCase);
            var payload = (JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(message.Payload.ToArray()))!;
            listener._received.Enqueue(new ReceivedMqttMessage(message.Topic, payload, message.ContentType, properties, message.QualityOfServiceLevel));
            return Task.CompletedTask;
        };
        await listener._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithProtocolVersion(version)
            .WithClientId("listener-" + Guid.NewGuid().ToString("N")[..12]).Build());
        await listener._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(listener.Topic, MqttQualityOfServiceLevel.ExactlyOnce).Build());
        return listener;
    }

    /// <summary>Waits (polling, with a generous time-out) for the first message of a subscription.</summary>
    public async Task<ReceivedMqttMessage> WaitForAsync(string subscriptionId, string what = "a notification")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (DateTime.UtcNow < deadline)
        {
            if (_received.FirstOrDefault(m => m.SubscriptionId == subscriptionId) is { } found) return found;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"No MQTT message came on {Topic}: expected {what}. Received: {string.Join("\n", _received.Select(r => r.Payload.ToJsonString()))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
