using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;

namespace Stadtkern.Host.Api;

/// <summary>What every NGSI-LD endpoint needs from the HTTP request: tenant, @context (Link header or body), body, and the negotiated response type.</summary>
internal sealed class NgsiLdRequest(HttpContext http, ContextResolver resolver)
{
    public const string ContextRel = "http://www.w3.org/ns/json-ld#context";
    public const string Json = "application/json";
    public const string LdJson = "application/ld+json";
    public const string GeoJson = "application/geo+json";
    public const string MergePatch = "application/merge-patch+json";
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public HttpContext Http => http;

    /// <summary>The tenant named by <c>NGSILD-Tenant</c>; the empty string is the default tenant.</summary>
    public string Tenant { get; } = ReadTenant(http.Request.Headers["NGSILD-Tenant"]);

    private static string ReadTenant(StringValues header)
    {
        var tenant = header.ToString();
        if (tenant.Length == 0) return "";
        if (!Validation.IsTenant(tenant))
            throw NgsiLdException.BadData("The NGSILD-Tenant header holds characters a tenant name may not have.");
        return tenant;
    }

    /// <summary>The context URL given in a JSON-LD Link header, or null.</summary>
    public string? LinkContextUrl()
    {
        foreach (var value in http.Request.Headers.Link)
        {
            if (value is null) continue;
            foreach (var link in value.Split(','))
            {
                var parts = link.Split(';', StringSplitOptions.TrimEntries);
                if (parts.Length < 2 || !parts[0].StartsWith('<') || !parts[0].EndsWith('>')) continue;
                if (parts.Skip(1).Any(p => p.Replace(" ", "") == $"rel=\"{ContextRel}\"" || p.Replace(" ", "") == $"rel={ContextRel}"))
                    return parts[0][1..^1];
            }
        }
        return null;
    }

    /// <summary>The active context of a request without a body: the Link header's, or the core context.</summary>
    public async ValueTask<JsonLdContext> ContextAsync()
    {
        var url = LinkContextUrl();
        if (url is null) return JsonLdContext.Core;
        if (!Uri.TryCreate(url, UriKind.Absolute, out _)) throw NgsiLdException.BadData($"The Link header's context '{url}' is not a URL.");
        return await resolver.ResolveAsync(JsonValue.Create(url), http.RequestAborted);
    }

    /// <summary>Reads and parses the body, checking the content type (and merge-patch where allowed).</summary>
    public async Task<JsonNode> ReadBodyAsync(bool allowMergePatch = false)
    {
        var mediaType = MediaTypeOf(http.Request.ContentType);
        if (mediaType is null) throw new NgsiLdException(ErrorType.UnsupportedMediaType, "The request has no Content-Type.");
        if (mediaType is not (Json or LdJson) && !(allowMergePatch && mediaType == MergePatch))
            throw new NgsiLdException(ErrorType.UnsupportedMediaType, $"Content-Type '{mediaType}' is not supported; use {Json} or {LdJson}.");
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length == 0) throw NgsiLdException.Invalid("The request body is empty.");
        // Kept verbatim before anything interprets it (the raw lake), so that even a body refused below is on record.
        if (http.RequestServices.GetService<Lake.RawLake>() is { } lake)
        {
            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            var link = http.Request.Headers.Link.ToString();
            await lake.AppendAsync(new Lake.LakeRecord(time.GetUtcNow(), "http", $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}",
                http.Request.ContentType, Tenant, buffer.ToArray()) { Link = link.Length == 0 ? null : link }, http.RequestAborted);
        }
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) throw NgsiLdException.Invalid("The request body is not valid UTF-8.");
        JsonNode? body;
        try
        {
            // Parsing as a document finds duplicate members (and every syntax error) while we can still answer 400; the
            // nodes are then built over that document, which is not disposed because they keep reading from it.
            var document = JsonDocument.Parse(buffer.ToArray(), DocumentOptions);
            body = document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => JsonObject.Create(document.RootElement, NodeOptions),
                JsonValueKind.Array => JsonArray.Create(document.RootElement, NodeOptions),
                _ => JsonNode.Parse(bytes, NodeOptions, DocumentOptions),
            };
        }
        catch (JsonException e)
        {
            throw NgsiLdException.Invalid($"The request body is not valid JSON: {e.Message}");
        }
        return body ?? throw NgsiLdException.Invalid("The request body is JSON null.");
    }

    public bool IsLdJsonBody => MediaTypeOf(http.Request.ContentType) == LdJson;

    /// <summary>The active context of one body element: its @context for application/ld+json, the Link header's otherwise.</summary>
    public async ValueTask<JsonLdContext> ContextOfAsync(JsonObject element)
    {
        if (IsLdJsonBody)
        {
            if (LinkContextUrl() is not null)
                throw NgsiLdException.BadData("A request with Content-Type application/ld+json must not also carry a JSON-LD Link header.");
            if (!element.TryGetPropertyValue(Members.Context, out var context) || context is null)
                throw NgsiLdException.BadData("A body sent as application/ld+json must carry an @context.");
            return await resolver.ResolveAsync(context, http.RequestAborted);
        }
        if (element.ContainsKey(Members.Context))
            throw NgsiLdException.BadData("A body sent as application/json must not carry an @context; use a Link header or application/ld+json.");
        return await ContextAsync();
    }

    /// <summary>The tenant of a request to one of Stadtkern's own endpoints that takes no query parameters.</summary>
    public static string TenantOf(HttpContext http, ContextResolver resolver)
    {
        QueryString.Check(http.Request, System.Collections.Frozen.FrozenSet<string>.Empty);
        return new NgsiLdRequest(http, resolver).Tenant;
    }

    public static string? MediaTypeOf(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;

    /// <summary>Chooses the response media type from Accept: JSON by default, JSON-LD, or GeoJSON where the endpoint offers it; 406 otherwise.</summary>
    public string Negotiate(bool allowGeoJson = false)
    {
        var accept = http.Request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept)) return Json;
        if (!MediaTypeHeaderValue.TryParseList(accept.Split(','), out var list))
            throw new NgsiLdException(ErrorType.NotAcceptable, $"The Accept header '{accept}' cannot be parsed.");
        foreach (var item in list.OrderByDescending(m => m.Quality ?? 1))
        {
            var type = item.MediaType.Value?.ToLowerInvariant();
            if (type is Json or LdJson) return type;
            if (type == GeoJson && allowGeoJson) return GeoJson;
            if (type is "*/*" or "application/*") return Json;
        }
        throw new NgsiLdException(ErrorType.NotAcceptable, $"None of '{accept}' can be produced; use {Json} or {LdJson}{(allowGeoJson ? " or " + GeoJson : "")}.");
    }

    /// <summary>The context to name in the response: the Link header's URL or the core context URL.</summary>
    public JsonNode ResponseContext(JsonLdContext context)
    {
        if (LinkContextUrl() is { } url) return JsonValue.Create(url)!;
        if (context.Source is JsonValue or JsonArray) return context.Source.DeepClone();
        return JsonValue.Create(ContextResolver.CoreContextUrl)!;
    }

    /// <summary>Writes JSON with the NGSI-LD context conventions: a Link header for application/json, the body's @context otherwise.</summary>
    public IResult Write(JsonNode body, string mediaType, JsonLdContext context, int status = 200)
    {
        if (mediaType != LdJson)
        {
            var link = ResponseContext(context);
            var url = link is JsonValue v ? v.GetValue<string>() : ContextResolver.CoreContextUrl;
            http.Response.Headers.Link = $"<{url}>; rel=\"{ContextRel}\"; type=\"{LdJson}\"";
        }
        return Results.Text(body.ToJsonString(), mediaType, statusCode: status);
    }
}
