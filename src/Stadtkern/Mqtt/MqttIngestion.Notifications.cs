using System.Net;
using MQTTnet;
using MQTTnet.Server;
using Stadtkern.Host.Subscriptions;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Mqtt;

/// <summary>
/// The in-process broker as a notification target. A notification for it is injected through MQTTnet's server API
/// rather than published over a socket to ourselves: the server routes it to the matching subscribers with the
/// notification's QoS (each subscriber gets min(that, its own) as MQTT requires) and the call returns once every
/// subscriber's session has it queued, which is what a PUBACK from an external broker promises too. Notifications
/// never go through ingest: they are output, not readings.
/// </summary>
internal sealed partial class MqttIngestion
{
    private const string NotifierClientId = "stadtkern-notifier";

    /// <summary>
    /// True when the endpoint is this process's running broker: its port, and its address or a loopback name for it.
    /// The broker has no TLS listener and no credentials, so mqtts endpoints always go out through a client.
    /// </summary>
    public bool Serves(MqttEndpoint endpoint)
    {
        if (_server is not { IsStarted: true } || endpoint.Tls || endpoint.Port != options.MqttPort) return false;
        if (endpoint.Host.Equals(options.MqttAddress, StringComparison.OrdinalIgnoreCase)) return true;
        var bound = IPAddress.Parse(options.MqttAddress);
        var loopback = endpoint.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
        return loopback && (IPAddress.IsLoopback(bound) || bound.Equals(IPAddress.Any));
    }

    public Task InjectNotificationAsync(MqttApplicationMessage message, CancellationToken cancellation)
    {
        var server = _server ?? throw new InvalidOperationException("The in-process MQTT broker is not running.");
        return server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = NotifierClientId }, cancellation);
    }

    /// <summary>Publishes that are Stadtkern's own notifications (injected, or from its notification clients), which ingest leaves alone.</summary>
    private static bool IsNotification(InterceptingPublishEventArgs e) =>
        e.ClientId == NotifierClientId || e.ClientId?.StartsWith(MqttNotificationClients.ClientIdPrefix, StringComparison.Ordinal) == true;
}
