using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Host.Api;

/// <summary>/ngsi-ld/v1/entities: create, query, retrieve, replace, merge and delete entities (GS CIM 009 clauses 5.6 and 5.7).</summary>
internal static class EntitiesEndpoints
{
    public static void MapEntities(this RouteGroupBuilder api)
    {
        var entities = api.MapGroup("/entities").WithTags("Entities");
        entities.MapPost("/", Create).WithSummary("Create an entity");
        entities.MapGet("/", Query).WithSummary("Query entities");
        entities.MapGet("/{id}", Retrieve).WithSummary("Retrieve an entity");
        entities.MapDelete("/{id}", Delete).WithSummary("Delete an entity");
        entities.MapPut("/{id}", Replace).WithSummary("Replace an entity");
        entities.MapPatch("/{id}", Merge).WithSummary("Merge-patch an entity");
        entities.MapDelete("/", Purge).WithSummary("Purge entities matching a selection");
        entities.MapPut("/", MissingId).ExcludeFromDescription();
        entities.MapPatch("/", MissingId).ExcludeFromDescription();
    }

    private static async Task<IResult> Create(HttpContext http, ContextResolver resolver, EntityService service)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, QueryString.EntityRetrieve);
        var body = await ngsi.ReadBodyAsync() as JsonObject ?? throw NgsiLdException.Invalid("The entity must be a JSON object.");
        var context = await ngsi.ContextOfAsync(body);
        var id = await service.CreateAsync(ngsi.Tenant, body, context, http.RequestAborted);
        return Results.Created($"/ngsi-ld/v1/entities/{RouteValues.HeaderSafe(id)}", null);
    }

    private static async Task<IResult> Query(HttpContext http, ContextResolver resolver, EntityService service, IEntityStore store)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, QueryString.EntityQuery);
        if (http.Request.Query.ContainsKey("csf"))
            throw new NgsiLdException(ErrorType.OperationNotSupported, "Context source filters (csf) are not supported: this broker has no context source registrations yet.");
        var mediaType = ngsi.Negotiate(allowGeoJson: true);
        var context = await ngsi.ContextAsync();
        var selection = QueryString.Selection(http.Request);
        if (selection.SelectsNothing && !http.Request.Query.ContainsKey("local"))
            throw NgsiLdException.BadData("A query needs at least one of id, idPattern, type, attrs, q, georel or scopeQ.");
        var render = Rendering.From(http.Request, context, mediaType, ngsi);
        var page = await service.QueryAsync(ngsi.Tenant, selection, context, http.RequestAborted);
        if (page.Total is { } total) http.Response.Headers["NGSILD-Results-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (LinkedEntityRequests.From(http.Request, store, ngsi.Tenant) is { } linked && mediaType != NgsiLdRequest.GeoJson)
            return ngsi.Write(await linked.RenderAsync(page.Entities, render, single: false, http.RequestAborted), mediaType, context);
        return WriteEntities(ngsi, page.Entities, render, mediaType, context);
    }

    public static IResult WriteEntities(NgsiLdRequest ngsi, IReadOnlyList<JsonObject> entities, RenderOptions render, string mediaType, JsonLdContext context)
    {
        if (mediaType == NgsiLdRequest.GeoJson)
        {
            var collection = new JsonObject
            {
                ["type"] = "FeatureCollection",
                ["features"] = new JsonArray(entities.Select(e => (JsonNode)EntityRenderer.RenderFeature(e, render with { BodyContext = null })).ToArray()),
                ["@context"] = ngsi.ResponseContext(context),
            };
            return ngsi.Write(collection, mediaType, context);
        }
        var array = new JsonArray(entities.Select(e => EntityRenderer.Render(e, render))
            .Where(e => render.Projection is null || e.Any(m => m.Key != "@context")).Select(e => (JsonNode)e).ToArray());
        return ngsi.Write(array, mediaType, context);
    }

    private static async Task<IResult> Retrieve(HttpContext http, string id, ContextResolver resolver, EntityService service, IEntityStore store)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, QueryString.EntityRetrieve);
        var mediaType = ngsi.Negotiate(allowGeoJson: true);
        var context = await ngsi.ContextAsync();
        var render = Rendering.From(http.Request, context, mediaType, ngsi);
        var entity = await service.GetAsync(ngsi.Tenant, id, http.RequestAborted);
        if (QueryString.Get(http.Request, "type") is { } type)
        {
            var wanted = Stadtkern.Query.TypeExpression.Parse(type, context);
            if (!wanted.Matches((entity[Members.Type] as JsonArray ?? []).Select(t => t!.GetValue<string>())))
                throw EntityService.NotFound(id);
        }
        if (QueryString.List(http.Request, "attrs") is not null && render.Attributes is { Count: > 0 } wantedAttributes && !wantedAttributes.Any(entity.ContainsKey))
            throw NgsiLdException.NotFound($"Entity {id} has none of the requested attributes.");
        if (mediaType == NgsiLdRequest.GeoJson)
            return ngsi.Write(EntityRenderer.RenderFeature(entity, render with { BodyContext = ngsi.ResponseContext(context) }), mediaType, context);
        if (LinkedEntityRequests.From(http.Request, store, ngsi.Tenant) is { } linked)
            return ngsi.Write(await linked.RenderAsync([entity], render, single: true, http.RequestAborted), mediaType, context);
        var rendered = EntityRenderer.Render(entity, render);
        if (render.Projection is not null && !rendered.Any(m => m.Key != "@context"))
            throw NgsiLdException.NotFound($"The projection leaves nothing of entity {id}.");
        return ngsi.Write(rendered, mediaType, context);
    }

    private static async Task<IResult> Delete(HttpContext http, string id, ContextResolver resolver, EntityService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, QueryString.EntityRetrieve);
        await service.DeleteAsync(ngsi.Tenant, id, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Purge(HttpContext http, ContextResolver resolver, EntityService service)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, QueryString.EntityQuery.Union(["drop", "keep"]).ToFrozenSet(StringComparer.Ordinal));
        var context = await ngsi.ContextAsync();
        var selection = QueryString.Selection(http.Request);
        if (selection.SelectsNothing && selection.Ids is null && selection.IdPattern is null)
        {
            if (http.Request.Query.ContainsKey("local")) return Results.NoContent();
            throw NgsiLdException.BadData("A purge needs at least one of id, idPattern, type, q or scopeQ.");
        }
        await service.PurgeAsync(ngsi.Tenant, selection, QueryString.List(http.Request, "drop"), QueryString.List(http.Request, "keep"), context, http.RequestAborted);
        return Results.NoContent();
    }

    private static IResult MissingId() => throw NgsiLdException.BadData("The entity id is missing from the path.");

    private static async Task<IResult> Replace(HttpContext http, string id, ContextResolver resolver, EntityService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, QueryString.EntityRetrieve);
        var body = await ngsi.ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("The entity must be a JSON object.");
        var context = await ngsi.ContextOfAsync(body);
        await service.ReplaceAsync(ngsi.Tenant, id, body, context, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Merge(HttpContext http, string id, ContextResolver resolver, EntityService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, QueryString.EntityRetrieve);
        var body = await ngsi.ReadBodyAsync(allowMergePatch: true) as JsonObject ?? throw NgsiLdException.BadData("The fragment must be a JSON object.");
        var context = await ngsi.ContextOfAsync(body);
        await service.MergeAsync(ngsi.Tenant, id, body, context, http.RequestAborted);
        return Results.NoContent();
    }
}
