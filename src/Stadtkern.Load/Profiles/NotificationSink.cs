using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Stadtkern.Load.Profiles;

/// <summary>An HTTP endpoint on this machine that takes notifications and counts them (the city profile's subscribers).</summary>
internal sealed class NotificationSink : IAsyncDisposable
{
    private readonly WebApplication app;
    private long received;

    private NotificationSink(WebApplication app) => this.app = app;

    public long Received => Interlocked.Read(ref received);

    /// <summary>The port it listens on.</summary>
    public int Port => new Uri(app.Urls.First()).Port;

    /// <param name="listenAll">Listen on every interface (for a target on another machine), else on 127.0.0.1.</param>
    public static async Task<NotificationSink> StartAsync(bool listenAll, CancellationToken cancellation)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listenAll ? "http://0.0.0.0:0" : "http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new NotificationSink(app);
        app.MapPost("/notify", () =>
        {
            Interlocked.Increment(ref sink.received);
            return Results.NoContent();
        });
        await app.StartAsync(cancellation);
        return sink;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
