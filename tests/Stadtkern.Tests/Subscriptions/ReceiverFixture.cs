namespace Stadtkern.Tests.Subscriptions;

/// <summary>A broker and one notification receiver shared by a test class; tests tell their notifications apart by subscription id.</summary>
public sealed class ReceiverFixture : Support.BrokerFixture, IAsyncLifetime
{
    private NotificationReceiver? _receiver;

    public NotificationReceiver Receiver => _receiver ?? throw new InvalidOperationException("The receiver did not start.");

    async Task IAsyncLifetime.InitializeAsync()
    {
        _receiver = await NotificationReceiver.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_receiver is not null) await _receiver.DisposeAsync();
    }
}
