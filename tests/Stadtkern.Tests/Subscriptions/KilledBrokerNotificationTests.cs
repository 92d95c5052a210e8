using System.Net;
using System.Text;
using Stadtkern.Tests.Durability;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>A broker killed (SIGKILL) between acknowledged changes and their notifications still sends every one of them after it starts again, in order.</summary>
public sealed class KilledBrokerNotificationTests : IDisposable
{
    private readonly TempDirectory _data = new("kill-notifications");

    [Fact]
    public async Task Every_notification_of_an_acknowledged_change_is_sent_after_a_kill()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        await receiver.StopAsync();
        var id = TestData.NewId("Meter");
        var subscriptionId = SubscriptionKit.NewId();
        var acknowledged = new List<double>();
        using (var broker = await BrokerProcess.StartAsync(_data.Path))
        {
            using var http = new HttpClient { BaseAddress = broker.BaseAddress };
            var subscription = SubscriptionKit.Subscription(subscriptionId, "Meter", receiver.Url(), """{"notification":{"format":"keyValues"}}""");
            Assert.Equal(HttpStatusCode.Created, await SendAsync(http, HttpMethod.Post, "/ngsi-ld/v1/subscriptions", subscription.ToJsonString()));
            Assert.Equal(HttpStatusCode.Created, await SendAsync(http, HttpMethod.Post, "/ngsi-ld/v1/entities", $$"""{"id":"{{id}}","type":"Meter","reading":0}"""));
            acknowledged.Add(0);
            for (var i = 1; i <= 30; i++)
            {
                Assert.Equal(HttpStatusCode.NoContent, await SendAsync(http, HttpMethod.Patch, $"/ngsi-ld/v1/entities/{id}/attrs/reading", $$"""{"value":{{i}}}"""));
                acknowledged.Add(i);
            }
            broker.Kill();
        }
        await receiver.StartAgainAsync();

        using var restarted = await BrokerProcess.StartAsync(_data.Path);

        var received = await receiver.WaitForCountAsync(subscriptionId, acknowledged.Count);
        Assert.Equal(acknowledged, received.Select(n => n.Entity()["reading"]!.GetValue<double>()));
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose() => _data.Dispose();
}
