using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Subscriptions.SubscriptionKit;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>timeInterval (clause 5.2.12): the selected entities are notified periodically, whatever changed.</summary>
public sealed class PeriodicNotificationTests(ReceiverFixture fixture) : IClassFixture<ReceiverFixture>
{
    [Fact]
    public async Task The_selected_entities_are_notified_again_and_again_without_changes()
    {
        var type = TestData.NewType();
        var id = TestData.NewId();
        await fixture.Client.CreateOkAsync(TestData.Entity(id, type, 12));
        await fixture.Client.CreateOkAsync(TestData.Entity(TestData.NewId(), TestData.NewType(), 99));

        var subscription = await fixture.Client.CreateSubscriptionOkAsync(Subscription(NewId(), type, fixture.Receiver.Url(),
            """{"timeInterval":1,"notification":{"format":"keyValues"}}"""));

        var received = await fixture.Receiver.WaitForCountAsync(subscription, 2);
        Assert.All(received.Take(2), n =>
        {
            var data = n.Body["data"]!.AsArray();
            Assert.Single(data);
            Assert.Equal(id, data[0]!["id"]!.GetValue<string>());
            Assert.Equal(12, data[0]!["temperature"]!.GetValue<double>());
        });
    }
}
