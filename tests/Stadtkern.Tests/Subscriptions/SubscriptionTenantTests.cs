using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Subscriptions.SubscriptionKit;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>A subscription hears only the changes of its own tenant (clause 4.14).</summary>
public sealed class SubscriptionTenantTests(ReceiverFixture fixture) : IClassFixture<ReceiverFixture>
{
    [Fact]
    public async Task Changes_in_another_tenant_are_not_notified()
    {
        var mine = fixture.Client.ForTenant(TestData.NewTenant());
        var other = fixture.Client.ForTenant(TestData.NewTenant());
        var type = TestData.NewType();
        var subscription = await mine.CreateSubscriptionOkAsync(Subscription(NewId(), type, fixture.Receiver.Url()));
        var foreign = TestData.NewId();
        var own = TestData.NewId();

        await other.CreateOkAsync(TestData.Entity(foreign, type));
        await fixture.Client.CreateOkAsync(TestData.Entity(TestData.NewId(), type));
        await mine.CreateOkAsync(TestData.Entity(own, type));

        var first = await fixture.Receiver.WaitForAsync(n => n.SubscriptionId == subscription, "the change in its own tenant");
        Assert.Equal(own, first.Entity()["id"]!.GetValue<string>());
        Assert.Equal(mine.Tenant, first.Header("NGSILD-Tenant"));
    }
}
