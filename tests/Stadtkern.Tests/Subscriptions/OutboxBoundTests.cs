using System.Globalization;
using System.Text.RegularExpressions;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Subscriptions.SubscriptionKit;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>
/// The outbox is bounded: while a receiver fails, a subscription keeps at most its backlog limit of undelivered
/// notifications, the newest, and /metrics counts what was dropped. Other subscriptions lose nothing.
/// </summary>
public sealed partial class OutboxBoundTests(OutboxBoundTests.WithSmallBacklog fixture) : IClassFixture<OutboxBoundTests.WithSmallBacklog>
{
    public sealed class WithSmallBacklog : BrokerFixture
    {
        protected override void Configure(StadtkernOptions options) => options.NotificationBacklogLimit = 5;
    }

    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task A_receiver_that_stays_away_gets_the_newest_notifications_up_to_the_limit_and_the_drop_is_counted()
    {
        await using var away = await NotificationReceiver.StartAsync();
        await away.StopAsync();
        await using var present = await NotificationReceiver.StartAsync();
        var type = TestData.NewType();
        var bounded = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, away.Url(), """{"notification":{"format":"keyValues"}}"""));
        var healthy = await _client.CreateSubscriptionOkAsync(Subscription(NewId(), type, present.Url(), """{"notification":{"format":"keyValues"}}"""));
        var id = TestData.NewId();

        await _client.CreateOkAsync(TestData.Entity(id, type, 0));
        for (var i = 1; i <= 11; i++)
            (await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse($$"""{"value":{{i}}}"""))).ShouldHaveStatus(204);
        await WaitForDroppedAsync(7);
        await away.StartAgainAsync();

        var received = await away.WaitForCountAsync(bounded, 5);
        Assert.Equal([7, 8, 9, 10, 11], received.Select(n => n.Entity()["temperature"]!.GetValue<double>()));
        var all = await present.WaitForCountAsync(healthy, 12);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (double)i), all.Select(n => n.Entity()["temperature"]!.GetValue<double>()));
        Assert.Equal(7, await DroppedAsync());
    }

    private async Task<long> DroppedAsync()
    {
        var metrics = (await _client.GetAsync("metrics")).ShouldHaveStatus(200).Body;
        return long.Parse(DroppedLine().Match(metrics).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task WaitForDroppedAsync(long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await DroppedAsync() < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} notifications were dropped.");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^stadtkern_notifications_dropped_total (\d+)$", RegexOptions.Multiline)]
    private static partial Regex DroppedLine();
}
