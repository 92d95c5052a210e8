using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Subscriptions;

/// <summary>Sends one notification from the outbox once; the delivery queue decides about retries.</summary>
internal interface INotificationSender
{
    Task<DeliveryOutcome> SendAsync(OutboxMessage message, CancellationToken stopping);
}

/// <summary>Chooses the sender by the endpoint's scheme: mqtt and mqtts publish to a broker, everything else is POSTed.</summary>
internal sealed class NotificationSenders(HttpNotificationSender http, MqttNotificationSender mqtt) : INotificationSender
{
    public Task<DeliveryOutcome> SendAsync(OutboxMessage message, CancellationToken stopping) =>
        MqttEndpoint.IsMqtt(message.Uri) ? mqtt.SendAsync(message, stopping) : http.SendAsync(message, stopping);
}

/// <summary>
/// The answer to one delivery attempt: delivered, refused for good (an HTTP client error, a broker that refuses the
/// topic), or failed (no answer, 5xx, 408, 429, a broker that is not reachable).
/// </summary>
internal sealed record DeliveryOutcome(bool Delivered, bool Rejected, string Detail)
{
    public static DeliveryOutcome Ok { get; } = new(true, false, "delivered");

    public static DeliveryOutcome Failed(string detail) => new(false, false, detail);

    public static DeliveryOutcome FromStatus(int status) => status switch
    {
        >= 200 and < 300 => Ok,
        408 or 429 => new(false, false, $"HTTP {status}"),
        >= 400 and < 500 => new(false, true, $"HTTP {status}"),
        _ => new(false, false, $"HTTP {status}"),
    };
}
