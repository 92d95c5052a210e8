using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Host.Api;

/// <summary>/ngsi-ld/v1/jsonldContexts: contexts a city hosts on the broker (so it needs no internet) and those it has cached (clause 5.13).</summary>
internal static class ContextsEndpoints
{
    private static readonly System.Collections.Frozen.FrozenSet<string> Parameters =
        System.Collections.Frozen.FrozenSet.Create(StringComparer.Ordinal, "details", "kind", "reload");

    public static void MapContexts(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/jsonldContexts").WithTags("JSON-LD contexts");
        group.MapGet("/", List).WithSummary("List hosted and cached contexts");
        group.MapPost("/", Add).WithSummary("Host a context");
        group.MapGet("/{id}", Get).WithSummary("Serve a hosted context");
        group.MapDelete("/{id}", Delete).WithSummary("Delete a hosted context or reload a cached one");
    }

    private static string UrlOf(HttpContext http, string id) =>
        $"{http.Request.Scheme}://{http.Request.Host}/ngsi-ld/v1/jsonldContexts/{Uri.EscapeDataString(id)}";

    private static string? Kind(HttpRequest request)
    {
        var kind = QueryString.Get(request, "kind");
        return kind switch
        {
            null => null,
            "hosted" or "Hosted" => "Hosted",
            "cached" or "Cached" => "Cached",
            "implicitlycreated" or "ImplicitlyCreated" => "ImplicitlyCreated",
            _ => throw NgsiLdException.BadData($"Unknown context kind '{kind}'."),
        };
    }

    private static async Task<IResult> List(HttpContext http, IContextRegistry registry, ContextResolver resolver)
    {
        QueryString.Check(http.Request, Parameters);
        var details = QueryString.Bool(http.Request, "details");
        var kind = Kind(http.Request);
        var items = new List<(string Url, string Id, string Kind, DateTimeOffset At)>();
        if (kind is null or "Hosted" or "ImplicitlyCreated")
            items.AddRange((await registry.ListAsync(http.RequestAborted)).Where(c => kind is null || c.Kind.ToString() == kind)
                .Select(c => (UrlOf(http, c.Id), c.Id, c.Kind.ToString(), c.CreatedAt)));
        if (kind is null or "Cached")
            items.AddRange(resolver.Cached.Select(c => (c.Url, c.Url, "Cached", c.FetchedAt)));
        JsonArray body = details
            ? new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["URL"] = i.Url,
                ["localId"] = i.Id,
                ["kind"] = i.Kind,
                ["createdAt"] = Validation.Format(i.At),
            }).ToArray())
            : new JsonArray(items.Select(i => (JsonNode)i.Url).ToArray());
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> Add(HttpContext http, IContextRegistry registry, ContextResolver resolver, TimeProvider time)
    {
        QueryString.Check(http.Request, Parameters);
        var ngsi = new NgsiLdRequest(http, resolver);
        var body = await ngsi.ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("A context document must be a JSON object.");
        if (body["@context"] is not (JsonObject or JsonArray or JsonValue))
            throw NgsiLdException.Invalid("A context document needs an @context member.");
        // Check that the context resolves (its imports are reachable) before hosting it.
        await resolver.ResolveAsync(body["@context"], http.RequestAborted);
        var id = Guid.NewGuid().ToString("N");
        await registry.AddAsync(new HostedContext(id, UrlOf(http, id), (JsonObject)body.DeepClone(), time.GetUtcNow()), http.RequestAborted);
        return Results.Created($"/ngsi-ld/v1/jsonldContexts/{id}", null);
    }

    private static async Task<IResult> Get(HttpContext http, string id, IContextRegistry registry, ContextResolver resolver)
    {
        id = RouteValues.Decode(id);
        QueryString.Check(http.Request, Parameters);
        if (QueryString.Bool(http.Request, "details"))
        {
            var hostedDetails = await registry.GetAsync(id, http.RequestAborted);
            if (hostedDetails is not null)
                return Results.Text(new JsonObject { ["URL"] = UrlOf(http, id), ["localId"] = id, ["kind"] = hostedDetails.Kind.ToString(), ["createdAt"] = Validation.Format(hostedDetails.CreatedAt) }.ToJsonString(), "application/json");
            var cachedDetails = FindCached(resolver, id);
            if (cachedDetails.Url is not null)
                return Results.Text(new JsonObject { ["URL"] = cachedDetails.Url, ["localId"] = cachedDetails.Url, ["kind"] = "Cached", ["createdAt"] = Validation.Format(cachedDetails.FetchedAt) }.ToJsonString(), "application/json");
            throw NgsiLdException.NotFound($"No context {id}.");
        }
        var hosted = await registry.GetAsync(id, http.RequestAborted);
        if (hosted is not null) return Results.Text(hosted.Document.ToJsonString(), "application/json");
        var cached = FindCached(resolver, id);
        if (cached.Url is not null) return Results.Text(cached.Context.ToJsonString(), "application/json");
        throw NgsiLdException.NotFound($"No context {id}.");
    }

    /// <summary>A cached context by URL; any version of the core context URL names the built-in one.</summary>
    private static (string Url, DateTimeOffset FetchedAt, JsonObject Context) FindCached(ContextResolver resolver, string id) =>
        resolver.Cached.FirstOrDefault(c => c.Url == id || ContextResolver.IsCoreContext(id) && c.Url == ContextResolver.CoreContextUrl);

    private static async Task<IResult> Delete(HttpContext http, string id, IContextRegistry registry, ContextResolver resolver)
    {
        id = RouteValues.Decode(id);
        QueryString.Check(http.Request, Parameters);
        var reload = QueryString.Bool(http.Request, "reload");
        if (ContextResolver.IsCoreContext(id))
        {
            // The core context is built in: reloading it is a no-op, deleting it is refused.
            if (reload) return Results.NoContent();
            throw NgsiLdException.BadData("The core context cannot be deleted.");
        }
        if (reload && !Uri.TryCreate(id, UriKind.Absolute, out _))
            throw NgsiLdException.BadData($"Only cached contexts, named by their URL, can be reloaded; '{id}' is not a URL.");
        if (await registry.GetAsync(id, http.RequestAborted) is not null)
        {
            if (reload) throw NgsiLdException.BadData("A hosted context cannot be reloaded.");
            await registry.DeleteAsync(id, http.RequestAborted);
            resolver.Invalidate();
            return Results.NoContent();
        }
        if (resolver.Cached.Any(c => c.Url == id))
        {
            // A reload that fails keeps the cached copy, so a city's data stays readable when the source is down.
            if (reload) await resolver.ReloadAsync(id, http.RequestAborted);
            else resolver.Invalidate(id);
            return Results.NoContent();
        }
        throw NgsiLdException.NotFound($"No context {id}.");
    }
}
