using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Stadtkern.Errors;
using Stadtkern.Host.Mqtt;
using Stadtkern.Model;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Subscriptions;

/// <summary>
/// Publishes a notification to an MQTT endpoint (the MQTT binding of NGSI-LD, clause 5.8.6): the payload is
/// <c>{"metadata": {headers}, "body": notification}</c> with the headers (Content-Type, Link, receiverInfo,
/// NGSILD-Tenant) in <c>metadata</c>. With MQTT 5.0 the headers are also the message's properties (Content-Type as
/// its content type, the others as user properties), for receivers that read those.
/// An endpoint on Stadtkern's own broker is injected into it; any other goes through a pooled client. A publish
/// counts as delivered once the broker has taken it: PUBACK for QoS 1, PUBCOMP for QoS 2, written out for QoS 0.
/// </summary>
internal sealed class MqttNotificationSender(MqttNotificationClients clients, MqttIngestion ownBroker, DeliveryPolicy policy, TimeProvider time)
    : INotificationSender
{
    public async Task<DeliveryOutcome> SendAsync(OutboxMessage message, CancellationToken stopping)
    {
        MqttEndpoint endpoint;
        try
        {
            endpoint = MqttEndpoint.Parse(message.Uri, message.NotifierInfo);
        }
        catch (NgsiLdException e)
        {
            // Checked when the subscription was stored; a row from elsewhere that does not parse will never be sent.
            return new DeliveryOutcome(false, true, e.Message);
        }
        var publish = Build(endpoint, message, Validation.Format(time.GetUtcNow()));
        using var timeout = new CancellationTokenSource(policy.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            if (ownBroker.Serves(endpoint))
            {
                await ownBroker.InjectNotificationAsync(publish, linked.Token);
                return DeliveryOutcome.Ok;
            }
            return Outcome(await clients.PublishAsync(endpoint.Connection, publish, linked.Token));
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return DeliveryOutcome.Failed($"no acknowledgement from {endpoint} within {policy.RequestTimeout}");
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            return DeliveryOutcome.Failed($"{endpoint}: {e.Message}");
        }
    }

    /// <summary>A broker's refusal that sending again will not change counts as rejected, like an HTTP 4xx.</summary>
    private static DeliveryOutcome Outcome(MqttClientPublishResult result) => result.ReasonCode switch
    {
        _ when result.IsSuccess => DeliveryOutcome.Ok,
        MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid or MqttClientPublishReasonCode.PayloadFormatInvalid =>
            new DeliveryOutcome(false, true, $"broker refused: {result.ReasonCode} {result.ReasonString}"),
        _ => DeliveryOutcome.Failed($"broker answered {result.ReasonCode} {result.ReasonString}"),
    };

    private static MqttApplicationMessage Build(MqttEndpoint endpoint, OutboxMessage message, string notifiedAt)
    {
        var body = HttpNotificationSender.WithNotifiedAt(message.Body, notifiedAt);
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(endpoint.Topic)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)endpoint.Qos);
        builder.WithPayload(Encoding.UTF8.GetBytes($"{{\"metadata\":{OutboxPairs.Write(message.Headers)},\"body\":{body}}}"));
        // MQTT 3.1.1 has no properties at all (a client refuses to send them).
        if (endpoint.Version == MqttVersion.V311) return builder.Build();
        builder.WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData);
        foreach (var (name, value) in message.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) builder.WithContentType(value);
            else builder.WithUserProperty(name, Encoding.UTF8.GetBytes(value));
        }
        return builder.Build();
    }
}
