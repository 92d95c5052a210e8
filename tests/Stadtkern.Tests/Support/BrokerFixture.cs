namespace Stadtkern.Tests.Support;

/// <summary>One broker per test class (xunit class fixture): a fresh data directory, deleted when the class is done.</summary>
public class BrokerFixture : IAsyncLifetime
{
    private TestBroker? _broker;

    public TestBroker Broker => _broker ?? throw new InvalidOperationException("The broker did not start.");

    public NgsiClient Client => Broker.Client;

    /// <summary>Options a derived fixture changes (body size, context time-out, ...).</summary>
    protected virtual void Configure(StadtkernOptions options)
    {
    }

    /// <summary>Data a derived fixture puts in the store once, before the first test of the class.</summary>
    protected virtual Task SeedAsync(NgsiClient client) => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync(Configure);
        await SeedAsync(_broker.Client);
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null) await _broker.DisposeAsync();
    }
}
