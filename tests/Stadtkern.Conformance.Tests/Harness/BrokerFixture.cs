using Microsoft.AspNetCore.Builder;
using Stadtkern.Host;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Stadtkern.Conformance.Tests.Harness;

/// <summary>The real Stadtkern broker, started in-process once for all conformance cases, with the context server and the runner.</summary>
/// <remarks>The broker gets a fresh data directory, deleted again at the end; at the end the run summary is written.</remarks>
public sealed class BrokerFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    private WebApplication? broker;
    private ContextServer? contexts;
    private NotificationReceiver? notifications;
    private ConformanceRunner? runner;
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stadtkern-conformance-" + Guid.NewGuid().ToString("N"));

    public ConformanceRunner Runner => runner ?? throw new InvalidOperationException("The broker fixture did not start.");

    /// <summary>The cases listed in <c>known-failures.txt</c> beside the test assembly.</summary>
    public KnownFailures KnownFailures { get; } = KnownFailures.Load(Path.Combine(AppContext.BaseDirectory, "known-failures.txt"));

    public RunSummary Summary { get; } = new();

    public async Task InitializeAsync()
    {
        var data = SuiteData.Locate();
        Directory.CreateDirectory(dataDirectory);
        broker = WebHost.Build([], o =>
        {
            o.Urls = "http://127.0.0.1:0";
            o.DataDirectory = dataDirectory;
            // The suite's pagination cases assume pages of fewer than 20 instances per attribute, its other cases more than 5.
            o.TemporalInstanceLimit = 10;
            o.MqttPort = 0;
        });
        await broker.StartAsync();
        contexts = await ContextServer.StartAsync(data);
        notifications = await NotificationReceiver.StartAsync();
        var address = broker.Urls.First().TrimEnd('/');
        runner = new ConformanceRunner(new Uri(address + "/ngsi-ld/v1/"), data, contexts, notifications);
        diagnostics.OnMessage(new DiagnosticMessage($"Conformance: broker at {address}, contexts at {contexts.BaseUrl}, notifications to {notifications.BaseUrl}, data from {data.Root}"));
    }

    public async Task DisposeAsync()
    {
        if (Summary.HasResults)
        {
            var report = Summary.Write(AppContext.BaseDirectory);
            Console.WriteLine(report);
            diagnostics.OnMessage(new DiagnosticMessage(report));
        }

        runner?.Dispose();
        if (contexts is not null)
        {
            await contexts.DisposeAsync();
        }

        if (notifications is not null)
        {
            await notifications.DisposeAsync();
        }

        if (broker is not null)
        {
            await broker.StopAsync();
            await broker.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A store file still held open must not fail the run; the folder is in the temp directory.
        }
    }
}
