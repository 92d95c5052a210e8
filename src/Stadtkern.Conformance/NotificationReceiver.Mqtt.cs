using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Server;

namespace Stadtkern.Conformance;

/// <summary>
/// The receiver's MQTT side, in place of the suite's mosquitto: an MQTT broker that takes every connection and records
/// each message published to <c>mailbox/{box}/…</c> in that mailbox, with its topic, QoS, protocol version and the
/// credentials the publisher connected with (under <c>mqtt</c>); the payload is the recorded <c>body</c>, the content
/// type and MQTT 5 user properties its <c>headers</c>.
/// </summary>
public sealed partial class NotificationReceiver
{
    private const string MailboxTopic = "mailbox/";
    private readonly MqttConnections clients = new();
    private MqttServer? mqtt;

    /// <summary>The <c>host:port</c> a broker publishes MQTT notifications to, or null when the receiver runs without MQTT.</summary>
    public string? MqttBroker { get; private set; }

    /// <summary>The MQTT topic of a mailbox of <see cref="OpenMailbox"/>: what is published there lands in it.</summary>
    public static string MqttTopicOf(string mailboxUrl) => $"{MailboxTopic}{BoxOf(mailboxUrl)}/notify";

    private async Task StartMqttAsync()
    {
        if (options.MqttPort < 0) return;
        var port = options.MqttPort > 0 ? options.MqttPort : FreePort();
        var factory = new MqttServerFactory();
        mqtt = factory.CreateMqttServer(factory.CreateServerOptionsBuilder().WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port).Build());
        mqtt.ValidatingConnectionAsync += e =>
        {
            clients.Remember(e.ClientId, new JsonObject
            {
                ["protocolVersion"] = e.ProtocolVersion == MqttProtocolVersion.V500 ? "mqtt5.0" : e.ProtocolVersion == MqttProtocolVersion.V311 ? "mqtt3.1.1" : e.ProtocolVersion.ToString(),
                ["userName"] = string.IsNullOrEmpty(e.UserName) ? null : e.UserName,
                ["password"] = string.IsNullOrEmpty(e.Password) ? null : e.Password,
            });
            return Task.CompletedTask;
        };
        mqtt.InterceptingPublishAsync += e =>
        {
            RecordMqtt(e.ClientId, e.ApplicationMessage);
            return Task.CompletedTask;
        };
        await mqtt.StartAsync();
        MqttBroker = $"{options.MqttPublicHost}:{port}";
    }

    private async Task StopMqttAsync()
    {
        if (mqtt is null) return;
        await mqtt.StopAsync();
        mqtt.Dispose();
    }

    private void RecordMqtt(string clientId, MqttApplicationMessage message)
    {
        var topic = message.Topic;
        if (!topic.StartsWith(MailboxTopic, StringComparison.Ordinal)) return;
        var rest = topic[MailboxTopic.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (!mailboxes.TryGetValue(slash < 0 ? rest : rest[..slash], out var mailbox)) return;

        var headers = new JsonObject();
        if (message.ContentType is { Length: > 0 } contentType) headers["content-type"] = contentType;
        foreach (var property in message.UserProperties ?? [])
        {
            headers[property.Name.ToLowerInvariant()] = System.Text.Encoding.UTF8.GetString(property.ValueBuffer.Span);
        }

        var text = message.ConvertPayloadToString() ?? "";
        var connection = clients.Of(clientId);
        connection["topic"] = topic;
        connection["qos"] = (int)message.QualityOfServiceLevel;
        mailbox.Add(new JsonObject
        {
            ["receivedAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["method"] = "MQTT",
            ["path"] = slash < 0 ? "" : rest[slash..],
            ["headers"] = headers,
            ["body"] = SuiteData.TryParse(text, out var json) && text.Length > 0 ? json : JsonValue.Create(text),
            ["mqtt"] = connection,
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>What each MQTT client connected with, by client id.</summary>
    private sealed class MqttConnections
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonObject> connections = new(StringComparer.Ordinal);

        public void Remember(string clientId, JsonObject connection) => connections[clientId] = connection;

        /// <summary>A copy of what the client connected with (empty when unknown).</summary>
        public JsonObject Of(string clientId) => connections.TryGetValue(clientId, out var c) ? (JsonObject)c.DeepClone() : [];
    }
}
