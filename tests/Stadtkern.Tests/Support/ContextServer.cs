using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Stadtkern.Tests.Support;

/// <summary>
/// A local Kestrel that serves JSON-LD context documents to the broker under test: <c>/ctx/{name}</c> serves a document
/// put there with <see cref="Serve"/>; <c>/slow/{name}</c> answers only after a long wait; <c>/status/{code}</c> answers that
/// status; <c>/garbage</c> answers text that is not JSON; <c>/huge/{bytes}</c> streams a valid context of about that size
/// without a Content-Length. Every request is counted per path.
/// </summary>
public sealed class ContextServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);

    private ContextServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>How long <c>/slow/...</c> waits before answering.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(30);

    public static async Task<ContextServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ContextServer(app);
        app.MapGet("/{**path}", server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Serves <paramref name="document"/> (a whole JSON-LD document with an <c>@context</c>) at <c>/ctx/{name}</c> and returns its URL.</summary>
    public string Serve(string name, JsonObject document)
    {
        _documents[name] = document.ToJsonString();
        return Url("ctx/" + name);
    }

    /// <summary>Serves a document whose <c>@context</c> is the given term definitions.</summary>
    public string ServeTerms(string name, JsonObject terms) => Serve(name, new JsonObject { ["@context"] = terms });

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>How often a path (without leading slash) was requested.</summary>
    public int Hits(string path) => _hits.TryGetValue(path, out var n) ? n : 0;

    private async Task<IResult> HandleAsync(HttpContext http, string path)
    {
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        var parts = path.Split('/', 2);
        switch (parts[0])
        {
            case "ctx" when parts.Length == 2 && _documents.TryGetValue(parts[1], out var document):
                return Results.Text(document, "application/ld+json");
            case "slow" when parts.Length == 2 && _documents.TryGetValue(parts[1], out var late):
                try
                {
                    await Task.Delay(SlowDelay, http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return Results.StatusCode(499);
                }
                return Results.Text(late, "application/ld+json");
            case "status" when parts.Length == 2 && int.TryParse(parts[1], out var code):
                return Results.StatusCode(code);
            case "garbage":
                return Results.Text("this is { not json", "application/ld+json");
            case "huge" when parts.Length == 2 && int.TryParse(parts[1], out var size):
                http.Response.ContentType = "application/ld+json";
                await http.Response.WriteAsync("{\"@context\":{\"big\":\"https://example.org/", http.RequestAborted);
                var chunk = new string('x', 64 * 1024);
                for (var written = 0; written < size; written += chunk.Length) await http.Response.WriteAsync(chunk, http.RequestAborted);
                await http.Response.WriteAsync("\"}}", http.RequestAborted);
                return Results.Empty;
            default:
                return Results.NotFound();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
