using System.Text;
using Stadtkern.Model;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Subscriptions;

/// <summary>Sends a notification by HTTP POST (clause 7.2): the stored body with notifiedAt set now, and the stored headers.</summary>
internal sealed class HttpNotificationSender(IHttpClientFactory clients, DeliveryPolicy policy, TimeProvider time) : INotificationSender
{
    public const string ClientName = "notifications";

    public async Task<DeliveryOutcome> SendAsync(OutboxMessage message, CancellationToken stopping)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Uri)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(WithNotifiedAt(message.Body, Validation.Format(time.GetUtcNow())))),
        };
        foreach (var (name, value) in message.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) request.Content.Headers.TryAddWithoutValidation(name, value);
            else request.Headers.TryAddWithoutValidation(name, value);
        }
        using var timeout = new CancellationTokenSource(policy.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return DeliveryOutcome.FromStatus((int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return new DeliveryOutcome(false, false, e.Message);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new DeliveryOutcome(false, false, $"no answer within {policy.RequestTimeout}");
        }
    }

    /// <summary>notifiedAt is when the notification is sent, not when it was queued; the stored body is an object that NotificationBuilder wrote.</summary>
    public static string WithNotifiedAt(string body, string at) => $"{{\"notifiedAt\":\"{at}\",{body[1..]}";
}
