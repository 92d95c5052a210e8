using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Stadtkern.Conformance;

/// <summary>Where the context server listens and under which URL the broker reaches it.</summary>
public sealed class ContextServerOptions
{
    /// <summary>The address Kestrel binds; port 0 picks a free one.</summary>
    public string ListenUrl { get; set; } = "http://127.0.0.1:0";

    /// <summary>The base URL written into rewritten contexts, when the broker must reach the server under another name (e.g. a container host name); null uses the bound address.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>
/// A tiny HTTP server that stands in for the remote @context hosts of the suite: the suite's two forge-hosted contexts,
/// the <see cref="StandInContexts"/>, and documents a case serves for itself (which it can stop serving mid-case).
/// </summary>
/// <remarks>
/// Everything is served as <c>application/ld+json</c>. <see cref="UrlMap"/> rewrites the remote URLs to this server;
/// the documents themselves are rewritten too, so the compound context points at the local copy of its part.
/// </remarks>
public sealed class ContextServer : IAsyncDisposable
{
    /// <summary>The suite's own context files, served below <c>suite/</c> in place of <see cref="SuiteContexts.ForgeFolder"/>.</summary>
    public static readonly string[] SuiteFiles = ["ngsi-ld-test-suite-compound.jsonld", "ngsi-ld-test-suite.jsonld"];

    private const string CaseFolder = "case/";
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> fetches = new(StringComparer.Ordinal);
    private int caseDocuments;

    private ContextServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The root URL of the server, ending with <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The rewrite rules from the remote URLs in the suite's data to this server.</summary>
    public ContextUrlMap UrlMap { get; } = new();

    /// <summary>Starts the server and loads the suite's contexts and the stand-ins.</summary>
    public static async Task<ContextServer> StartAsync(SuiteData data, ContextServerOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new ContextServerOptions();
        var app = LocalServer.Create(options.ListenUrl);

        ContextServer? server = null;
        app.MapGet("/{**path}", (string? path) => server!.Get(path ?? ""));
        app.MapDelete("/" + CaseFolder + "{**path}", (string? path) => server!.StopServingPath(CaseFolder + path));
        await app.StartAsync(cancellation);

        server = new ContextServer(app, LocalServer.BaseUrl(app, options.PublicBaseUrl));
        server.UrlMap.Add(SuiteContexts.ForgeFolder, server.BaseUrl + "suite/");
        foreach (var standIn in StandInContexts.All)
        {
            server.UrlMap.Add(standIn.RemoteUrl, server.BaseUrl + standIn.LocalPath);
        }

        foreach (var file in SuiteFiles)
        {
            server.ServeAt("suite/" + file, data.ReadContext(file));
        }

        foreach (var standIn in StandInContexts.All)
        {
            server.ServeAt(standIn.LocalPath, standIn.Document);
        }

        return server;
    }

    /// <summary>Serves a document at a fixed path below the root (its remote URLs rewritten); returns its URL.</summary>
    public string ServeAt(string path, string document)
    {
        path = path.TrimStart('/');
        documents[path] = UrlMap.Rewrite(document);
        return BaseUrl + path;
    }

    /// <summary>Serves a document at a fresh URL of its own, as a case's private context server; returns the URL.</summary>
    public string Serve(string document) =>
        ServeAt($"{CaseFolder}{Interlocked.Increment(ref caseDocuments)}/context.jsonld", document);

    /// <summary>Stops serving a document given by its URL, so that fetching it fails with 404; false when it was not served.</summary>
    public bool StopServing(string url) =>
        url.StartsWith(BaseUrl.ToString(), StringComparison.Ordinal) && documents.TryRemove(url[BaseUrl.ToString().Length..], out _);

    /// <summary>How often the document at this URL was fetched (for diagnosing whether a broker cached it).</summary>
    public int FetchCount(string url) =>
        url.StartsWith(BaseUrl.ToString(), StringComparison.Ordinal) && fetches.TryGetValue(url[BaseUrl.ToString().Length..], out var n) ? n : 0;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private IResult Get(string path)
    {
        fetches.AddOrUpdate(path, 1, (_, n) => n + 1);
        return documents.TryGetValue(path, out var document)
            ? Results.Text(document, MediaTypes.LdJson)
            : Results.NotFound();
    }

    // DELETE on a case document is how a case "stops the context server" (the suite's Stop @context Local Server).
    private IResult StopServingPath(string path) => documents.TryRemove(path, out _) ? Results.NoContent() : Results.NotFound();
}
