using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Host.Api;

/// <summary>/ngsi-ld/v1/entityOperations: batch create, upsert, update, merge, delete and query (clause 5.6.7–5.6.10, 5.7.2).</summary>
internal static class BatchEndpoints
{
    private static readonly System.Collections.Frozen.FrozenSet<string> BatchParameters =
        System.Collections.Frozen.FrozenSet.Create(StringComparer.Ordinal, "options", "local");

    public static void MapBatch(this RouteGroupBuilder api)
    {
        var ops = api.MapGroup("/entityOperations").WithTags("Batch operations");
        ops.MapPost("/create", Create).WithSummary("Create several entities");
        ops.MapPost("/upsert", Upsert).WithSummary("Create or replace/update several entities");
        ops.MapPost("/update", Update).WithSummary("Update attributes of several entities");
        ops.MapPost("/merge", Merge).WithSummary("Merge-patch several entities");
        ops.MapPost("/delete", Delete).WithSummary("Delete several entities");
        ops.MapPost("/query", QueryEntities).WithSummary("Query entities with a Query body");
    }

    private static async Task<(NgsiLdRequest, JsonArray)> ReadAsync(HttpContext http, ContextResolver resolver)
    {
        QueryString.Check(http.Request, BatchParameters);
        var ngsi = new NgsiLdRequest(http, resolver);
        var body = await ngsi.ReadBodyAsync() as JsonArray ?? throw NgsiLdException.BadData("A batch body must be a JSON array.");
        if (ngsi.IsLdJsonBody && ngsi.LinkContextUrl() is not null)
            throw NgsiLdException.BadData("A request with Content-Type application/ld+json must not also carry a JSON-LD Link header.");
        return (ngsi, body);
    }

    private static IResult Outcome(BatchResult result, int allGoodStatus, bool listCreated)
    {
        if (result.Errors.Count == 0)
        {
            if (allGoodStatus == 201 && listCreated)
                return Results.Text(new JsonArray(result.Created.Select(id => (JsonNode)id).ToArray()).ToJsonString(), "application/json", statusCode: 201);
            return Results.NoContent();
        }
        var body = new JsonObject
        {
            ["success"] = new JsonArray(result.Success.Select(id => (JsonNode)id).ToArray()),
            ["errors"] = new JsonArray(result.Errors.Select(e => (JsonNode)new JsonObject
            {
                ["entityId"] = e.EntityId,
                ["error"] = ProblemDocuments.Body(e.Error.Type, e.Error.Detail),
            }).ToArray()),
        };
        return Results.Text(body.ToJsonString(), "application/json", statusCode: 207);
    }

    private static async Task<IResult> Create(HttpContext http, ContextResolver resolver, EntityService service)
    {
        var (ngsi, body) = await ReadAsync(http, resolver);
        var result = await service.BatchCreateAsync(ngsi.Tenant, body, ngsi.ContextOfAsync, http.RequestAborted);
        return Outcome(result, 201, listCreated: true);
    }

    private static async Task<IResult> Upsert(HttpContext http, ContextResolver resolver, EntityService service)
    {
        var (ngsi, body) = await ReadAsync(http, resolver);
        var options = QueryString.Options(http.Request);
        var mode = options.Contains("update") ? UpsertMode.Update : UpsertMode.Replace;
        var result = await service.BatchUpsertAsync(ngsi.Tenant, body, mode, ngsi.ContextOfAsync, http.RequestAborted);
        return result.Created.Count > 0 ? Outcome(result, 201, listCreated: true) : Outcome(result, 204, listCreated: false);
    }

    private static async Task<IResult> Update(HttpContext http, ContextResolver resolver, EntityService service)
    {
        var (ngsi, body) = await ReadAsync(http, resolver);
        var noOverwrite = QueryString.Options(http.Request).Contains("noOverwrite");
        var result = await service.BatchUpdateAsync(ngsi.Tenant, body, noOverwrite, ngsi.ContextOfAsync, http.RequestAborted);
        return Outcome(result, 204, listCreated: false);
    }

    private static async Task<IResult> Merge(HttpContext http, ContextResolver resolver, EntityService service)
    {
        var (ngsi, body) = await ReadAsync(http, resolver);
        var result = await service.BatchMergeAsync(ngsi.Tenant, body, ngsi.ContextOfAsync, http.RequestAborted);
        return Outcome(result, 204, listCreated: false);
    }

    private static async Task<IResult> Delete(HttpContext http, ContextResolver resolver, EntityService service)
    {
        var (ngsi, body) = await ReadAsync(http, resolver);
        var result = await service.BatchDeleteAsync(ngsi.Tenant, body, http.RequestAborted);
        return Outcome(result, 204, listCreated: false);
    }

    private static readonly System.Collections.Frozen.FrozenSet<string> QueryParameters =
        System.Collections.Frozen.FrozenSet.Create(StringComparer.Ordinal, "limit", "offset", "count", "options", "format", "lang", "local", "join", "joinLevel");

    private static async Task<IResult> QueryEntities(HttpContext http, ContextResolver resolver, EntityService service, IEntityStore store)
    {
        QueryString.Check(http.Request, QueryParameters);
        var ngsi = new NgsiLdRequest(http, resolver);
        var mediaType = ngsi.Negotiate(allowGeoJson: true);
        var body = await ngsi.ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("The query must be a JSON object.");
        var context = await ngsi.ContextOfAsync(body);
        if (body["type"] is not JsonValue t || t.GetValue<string>() != "Query")
            throw NgsiLdException.BadData("The body must be a Query (type \"Query\").");
        var selection = QueryBody.Read(body, http.Request);
        var render = Rendering.From(http.Request, context, mediaType, ngsi) with
        {
            Attributes = selection.Attrs?.Select(a => EntityReader.ExpandName(a, context)).ToHashSet(StringComparer.Ordinal),
            Lang = body["lang"]?.GetValue<string>() ?? QueryString.Get(http.Request, "lang"),
        };
        var page = await service.QueryAsync(ngsi.Tenant, selection, context, http.RequestAborted);
        if (page.Total is { } total) http.Response.Headers["NGSILD-Results-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var join = body["join"] is JsonValue j ? j.GetValue<string>() : QueryString.Get(http.Request, "join");
        var joinLevel = body["joinLevel"] is JsonValue l ? l.GetValue<int>() : QueryString.Int(http.Request, "joinLevel");
        if (LinkedEntityRequests.From(join, joinLevel, store, ngsi.Tenant) is { } linked && mediaType != NgsiLdRequest.GeoJson)
            return ngsi.Write(await linked.RenderAsync(page.Entities, render, single: false, http.RequestAborted), mediaType, context);
        return EntitiesEndpoints.WriteEntities(ngsi, page.Entities, render, mediaType, context);
    }
}
