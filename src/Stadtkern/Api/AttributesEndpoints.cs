using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;

namespace Stadtkern.Host.Api;

/// <summary>/ngsi-ld/v1/entities/{id}/attrs: append, update, partially update, replace and delete attributes (clause 5.6.3–5.6.5, 5.6.19).</summary>
internal static class AttributesEndpoints
{
    public static void MapEntityAttributes(this RouteGroupBuilder api)
    {
        var attrs = api.MapGroup("/entities/{id}/attrs").WithTags("Entity attributes");
        attrs.MapPost("/", Append).WithSummary("Append attributes");
        attrs.MapPatch("/", Update).WithSummary("Update attributes");
        attrs.MapPatch("/{attr}", PartialUpdate).WithSummary("Partially update one attribute");
        attrs.MapPut("/{attr}", Replace).WithSummary("Replace one attribute");
        attrs.MapDelete("/{attr}", Delete).WithSummary("Delete one attribute");
    }

    private static async Task<(NgsiLdRequest, JsonObject, JsonLdContext)> ReadAsync(HttpContext http, ContextResolver resolver, bool allowMergePatch = true)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        var body = await ngsi.ReadBodyAsync(allowMergePatch) as JsonObject ?? throw NgsiLdException.BadData("The fragment must be a JSON object.");
        return (ngsi, body, await ngsi.ContextOfAsync(body));
    }

    private static IResult Outcome(UpdateResult result) => result.Complete
        ? Results.NoContent()
        : Results.Text(new JsonObject
        {
            ["updated"] = new JsonArray(result.Updated.Select(u => (JsonNode)u).ToArray()),
            ["notUpdated"] = new JsonArray(result.NotUpdated.Select(n => (JsonNode)new JsonObject { ["attributeName"] = n.Attribute, ["reason"] = n.Reason }).ToArray()),
        }.ToJsonString(), "application/json", statusCode: 207);

    private static async Task<IResult> Append(HttpContext http, string id, ContextResolver resolver, EntityService service)
    {
        id = RouteValues.Decode(id);
        QueryString.Check(http.Request, QueryString.EntityRetrieve);
        var noOverwrite = QueryString.Options(http.Request).Contains("noOverwrite");
        var (ngsi, body, context) = await ReadAsync(http, resolver);
        return Outcome(await service.AppendAttributesAsync(ngsi.Tenant, id, body, context, noOverwrite, http.RequestAborted));
    }

    private static async Task<IResult> Update(HttpContext http, string id, ContextResolver resolver, EntityService service)
    {
        id = RouteValues.Decode(id);
        QueryString.Check(http.Request, QueryString.EntityRetrieve);
        var (ngsi, body, context) = await ReadAsync(http, resolver);
        return Outcome(await service.UpdateAttributesAsync(ngsi.Tenant, id, body, context, http.RequestAborted));
    }

    private static async Task<IResult> PartialUpdate(HttpContext http, string id, string attr, ContextResolver resolver, EntityService service)
    {
        id = RouteValues.Decode(id);
        attr = RouteValues.Decode(attr);
        QueryString.Check(http.Request, QueryString.EntityRetrieve);
        var (ngsi, body, context) = await ReadAsync(http, resolver);
        await service.PartialUpdateAttributeAsync(ngsi.Tenant, id, attr, body, context, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Replace(HttpContext http, string id, string attr, ContextResolver resolver, EntityService service)
    {
        id = RouteValues.Decode(id);
        attr = RouteValues.Decode(attr);
        QueryString.Check(http.Request, QueryString.EntityRetrieve);
        var (ngsi, body, context) = await ReadAsync(http, resolver);
        await service.ReplaceAttributeAsync(ngsi.Tenant, id, attr, body, context, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Delete(HttpContext http, string id, string attr, ContextResolver resolver, EntityService service)
    {
        id = RouteValues.Decode(id);
        attr = RouteValues.Decode(attr);
        QueryString.Check(http.Request, QueryString.EntityRetrieve);
        var ngsi = new NgsiLdRequest(http, resolver);
        var context = await ngsi.ContextAsync();
        await service.DeleteAttributeAsync(ngsi.Tenant, id, attr, QueryString.Get(http.Request, "datasetId"),
            QueryString.Bool(http.Request, "deleteAll"), context, http.RequestAborted);
        return Results.NoContent();
    }
}
