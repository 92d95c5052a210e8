using Microsoft.AspNetCore.Builder;
using Stadtkern.Host;

namespace Stadtkern.Tests.Support;

/// <summary>The real Stadtkern web host on the real SQLite store (PostgreSQL with STADTKERN_TEST_STORE=postgres, see <see cref="TestDatabases"/>), listening on a free loopback port, with its own data directory.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _ownedDirectory;

    private TestBroker(WebApplication app, string dataDirectory, TempDirectory? ownedDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        _ownedDirectory = ownedDirectory;
        Address = new Uri(app.Urls.First().TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        Client = new NgsiClient(Http);
    }

    /// <summary>Where the host listens, ending in a slash.</summary>
    public Uri Address { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    /// <summary>An NGSI-LD client on the default tenant.</summary>
    public NgsiClient Client { get; }

    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts a broker; without <paramref name="dataDirectory"/> it gets a fresh temp folder that is deleted on dispose.</summary>
    public static async Task<TestBroker> StartAsync(Action<StadtkernOptions>? configure = null, string? dataDirectory = null)
    {
        TempDirectory? owned = dataDirectory is null ? new TempDirectory("broker") : null;
        var directory = dataDirectory ?? owned!.Path;
        var app = WebHost.Build([], o =>
        {
            o.Urls = "http://127.0.0.1:0";
            o.DataDirectory = directory;
            // Tests run in parallel: only a test that wants the MQTT broker gives it a port of its own.
            o.MqttPort = 0;
            TestDatabases.Apply(o, directory);
            configure?.Invoke(o);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            owned?.Dispose();
            throw;
        }
        return new TestBroker(app, directory, owned);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
