using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;

namespace Stadtkern.JsonLd;

/// <summary>Turns an <c>@context</c> value (URL, object or list) into an active context: core URLs are built in, hosted contexts come from the store, other URLs are fetched with a time-out and cached.</summary>
public sealed class ContextResolver(HttpClient http, Store.IContextRegistry hosted, StadtkernOptions options, TimeProvider time)
{
    private const int MaxDepth = 8;
    private readonly ConcurrentDictionary<string, (JsonLdContext Context, DateTimeOffset BuiltAt)> _built = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedDocument> _documents = new(StringComparer.Ordinal);

    private sealed record CachedDocument(JsonObject Context, DateTimeOffset FetchedAt);

    /// <summary>True for any version of the ETSI core context URL.</summary>
    public static bool IsCoreContext(string url) =>
        url.StartsWith("https://uri.etsi.org/ngsi-ld/", StringComparison.Ordinal)
        && url.Contains("ngsi-ld-core-context", StringComparison.Ordinal)
        && url.EndsWith(".jsonld", StringComparison.Ordinal)
        && !url.Contains("non-existing", StringComparison.Ordinal);

    /// <summary>The core context URL the broker names in responses.</summary>
    public const string CoreContextUrl = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";

    /// <summary>Resolves a context value; null means the core context only.</summary>
    public async ValueTask<JsonLdContext> ResolveAsync(JsonNode? context, CancellationToken cancellation)
    {
        if (context is null) return JsonLdContext.Core;
        var key = context.ToJsonString();
        if (_built.TryGetValue(key, out var cached) && time.GetUtcNow() - cached.BuiltAt < options.ContextCacheDuration) return cached.Context;
        var objects = new List<JsonObject>();
        await CollectAsync(context, objects, 0, cancellation);
        var built = JsonLdContext.Build(objects, context.DeepClone());
        if (_built.Count > 1000) _built.Clear();
        // Inline contexts are cached too: they are keyed by their full text.
        _built[key] = (built, time.GetUtcNow());
        return built;
    }

    /// <summary>Drops cached copies of a URL (or all), so the next use fetches again.</summary>
    public void Invalidate(string? url = null)
    {
        _built.Clear();
        if (url is null) _documents.Clear();
        else _documents.TryRemove(url, out _);
    }

    /// <summary>Fetches a cached context again; on failure the old copy stays and the error (503) reaches the caller.</summary>
    public async Task ReloadAsync(string url, CancellationToken cancellation)
    {
        var old = _documents.TryGetValue(url, out var doc) ? doc : null;
        _documents.TryRemove(url, out _);
        try
        {
            await LoadAsync(url, cancellation);
            _built.Clear();
        }
        catch (NgsiLdException)
        {
            if (old is not null) _documents[url] = old;
            throw;
        }
    }

    /// <summary>URLs of remote contexts currently cached, with when they were fetched.</summary>
    public IEnumerable<(string Url, DateTimeOffset FetchedAt, JsonObject Context)> Cached =>
        _documents.Select(d => (d.Key, d.Value.FetchedAt, d.Value.Context)).Prepend((CoreContextUrl, Started, CoreDocument));

    private static readonly DateTimeOffset Started = DateTimeOffset.UtcNow;

    /// <summary>The built-in core context as a JSON-LD document (served under its URL by /jsonldContexts); built once, only ever serialised.</summary>
    public static JsonObject CoreDocument => CoreDocumentOnce.Value;

    private static readonly Lazy<JsonObject> CoreDocumentOnce = new(() =>
    {
        var context = new JsonObject { ["@version"] = 1.1, ["@protected"] = true, ["ngsi-ld"] = CoreTerms.NgsiLd, ["geojson"] = CoreTerms.GeoJson, ["id"] = "@id", ["type"] = "@type" };
        foreach (var (term, iri, vocab) in CoreTerms.All)
            context[term] = vocab ? new JsonObject { ["@id"] = iri, ["@type"] = "@vocab" } : iri;
        context["@vocab"] = CoreTerms.DefaultVocab;
        return new JsonObject { ["@context"] = context };
    });

    private async ValueTask CollectAsync(JsonNode? node, List<JsonObject> into, int depth, CancellationToken cancellation)
    {
        if (depth > MaxDepth) throw NgsiLdException.BadData("The @context nests too deeply.");
        switch (node)
        {
            case null:
                return;
            case JsonArray array:
                foreach (var item in array) await CollectAsync(item, into, depth + 1, cancellation);
                return;
            case JsonObject obj:
                // A context object may itself import others with a nested @context or @import.
                if (obj["@import"] is JsonValue import && import.GetValueKind() == JsonValueKind.String)
                    await CollectAsync(import, into, depth + 1, cancellation);
                into.Add(obj);
                return;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var url = value.GetValue<string>();
                if (IsCoreContext(url)) return;
                var document = await LoadAsync(url, cancellation);
                await CollectAsync(document, into, depth + 1, cancellation);
                return;
            default:
                throw NgsiLdException.BadData("An @context must be a URL, an object or a list of them.");
        }
    }

    private async ValueTask<JsonNode?> LoadAsync(string url, CancellationToken cancellation)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw NgsiLdException.BadData($"The @context URL '{url}' is not an absolute URL.");
        if (HostedId(uri) is { } hostedId)
        {
            // Hosted contexts are found by id whatever host name the client used to reach us.
            var hostedContext = await hosted.GetAsync(hostedId, cancellation);
            if (hostedContext is not null) return hostedContext.Document["@context"];
        }
        if (_documents.TryGetValue(url, out var doc) && time.GetUtcNow() - doc.FetchedAt < options.ContextCacheDuration)
            return doc.Context["@context"];
        if (uri.Scheme is not ("http" or "https"))
            throw new NgsiLdException(ErrorType.LdContextNotAvailable, $"The @context '{url}' cannot be retrieved: only http(s) URLs are fetched.");
        JsonObject fetched;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(options.ContextFetchTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("application/ld+json, application/json;q=0.9");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
                throw new NgsiLdException(ErrorType.LdContextNotAvailable, $"The @context '{url}' could not be retrieved: HTTP {(int)response.StatusCode}.");
            if (response.Content.Headers.ContentLength > 1_000_000)
                throw new NgsiLdException(ErrorType.LdContextNotAvailable, $"The @context '{url}' is larger than 1 MB.");
            const int limit = 1_000_000;
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var bytes = new byte[limit + 1];
            var read = 0;
            while (read <= limit)
            {
                var n = await stream.ReadAsync(bytes.AsMemory(read, limit + 1 - read), timeout.Token);
                if (n == 0) break;
                read += n;
            }
            if (read > limit) throw new NgsiLdException(ErrorType.LdContextNotAvailable, $"The @context '{url}' is larger than 1 MB.");
            fetched = JsonNode.Parse(bytes.AsSpan(0, read)) as JsonObject
                ?? throw new NgsiLdException(ErrorType.LdContextNotAvailable, $"The @context '{url}' is not a JSON-LD document.");
            if (!fetched.ContainsKey("@context"))
                throw new NgsiLdException(ErrorType.LdContextNotAvailable, $"The document at '{url}' holds no @context.");
        }
        catch (NgsiLdException) { throw; }
        catch (JsonException)
        {
            throw new NgsiLdException(ErrorType.LdContextNotAvailable, $"The @context '{url}' is not valid JSON.");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TaskCanceledException)
        {
            if (cancellation.IsCancellationRequested) throw;
            throw new NgsiLdException(ErrorType.LdContextNotAvailable, $"The @context '{url}' could not be retrieved: {e.Message}");
        }
        if (_documents.Count > 1000) _documents.Clear();
        _documents[url] = new CachedDocument(fetched, time.GetUtcNow());
        return fetched["@context"];
    }

    /// <summary>The id in a hosted-context URL (<c>.../ngsi-ld/v1/jsonldContexts/{id}</c>), or null.</summary>
    public static string? HostedId(Uri uri)
    {
        const string marker = "/ngsi-ld/v1/jsonldContexts/";
        var path = uri.AbsolutePath;
        var at = path.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 && path.Length > at + marker.Length ? Uri.UnescapeDataString(path[(at + marker.Length)..]) : null;
    }
}
