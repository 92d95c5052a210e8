using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Stadtkern.Load.Baselines;

/// <summary>The throughput baseline: bare Kestrel answering <c>GET /plaintext</c> with "Hello, World!", nothing else.</summary>
public static class PlaintextEndpoint
{
    /// <summary>Starts it on <paramref name="listenUrl"/> (port 0 picks a free one); its address is in the app's <c>Urls</c>.</summary>
    public static async Task<WebApplication> StartAsync(string listenUrl, CancellationToken cancellation = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listenUrl);
        var app = builder.Build();
        app.MapGet("/plaintext", () => Results.Text("Hello, World!"));
        await app.StartAsync(cancellation);
        return app;
    }
}
