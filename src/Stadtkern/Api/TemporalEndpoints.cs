using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Temporal;

namespace Stadtkern.Host.Api;

/// <summary>/ngsi-ld/v1/temporal: the temporal representation of entities (GS CIM 009 clauses 5.6.11–5.6.16, 5.7.3, 5.7.4).</summary>
internal static class TemporalEndpoints
{
    public static void MapTemporal(this RouteGroupBuilder api)
    {
        var temporal = api.MapGroup("/temporal").WithTags("Temporal");
        temporal.MapPost("/entities", CreateOrAdd).WithSummary("Create or add to the temporal representation of an entity");
        temporal.MapGet("/entities", Query).WithSummary("Query the temporal evolution of entities");
        temporal.MapGet("/entities/{id}", Retrieve).WithSummary("Retrieve the temporal evolution of an entity");
        temporal.MapDelete("/entities/{id}", Delete).WithSummary("Delete the temporal representation of an entity");
        temporal.MapPost("/entities/{id}/attrs", AddAttributes).WithSummary("Add attribute instances");
        temporal.MapDelete("/entities/{id}/attrs/{attr}", DeleteAttribute).WithSummary("Delete an attribute's instances");
        temporal.MapPatch("/entities/{id}/attrs/{attr}/{instanceId}", ModifyInstance).WithSummary("Modify an attribute instance");
        temporal.MapDelete("/entities/{id}/attrs/{attr}/{instanceId}", DeleteInstance).WithSummary("Delete an attribute instance");
        temporal.MapPost("/entityOperations/query", QueryPost).WithSummary("Query the temporal evolution of entities with a Query body");
    }

    private static readonly FrozenSet<string> TemporalParameters = FrozenSet.Create(StringComparer.Ordinal,
        "timerel", "timeAt", "endTimeAt", "timeproperty", "lastN", "aggrMethods", "aggrPeriodDuration");

    private static readonly FrozenSet<string> QueryParameters = QueryString.EntityQuery.Union(TemporalParameters).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> RetrieveParameters = QueryString.EntityRetrieve.Union(TemporalParameters).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> WriteParameters = FrozenSet.Create(StringComparer.Ordinal, "local", "datasetId", "deleteAll");

    private static async Task<IResult> CreateOrAdd(HttpContext http, ContextResolver resolver, TemporalService service)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, WriteParameters);
        var body = await ngsi.ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("The temporal entity must be a JSON object.");
        var context = await ngsi.ContextOfAsync(body);
        var created = await service.CreateOrAddAsync(ngsi.Tenant, body, context, http.RequestAborted);
        var id = body[Members.Id]!.GetValue<string>();
        return created ? Results.Created($"/ngsi-ld/v1/temporal/entities/{RouteValues.HeaderSafe(id)}", null) : Results.NoContent();
    }

    private static async Task<IResult> Query(HttpContext http, ContextResolver resolver, TemporalService service)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, QueryParameters);
        var mediaType = ngsi.Negotiate();
        var context = await ngsi.ContextAsync();
        var (format, render) = Representation(http.Request, context, mediaType, ngsi);
        var parameters = Parameters(http.Request, QueryString.Selection(http.Request), format);
        var result = await service.QueryAsync(ngsi.Tenant, parameters, context, http.RequestAborted);
        return Write(ngsi, result, format, render, mediaType, context, single: false);
    }

    private static async Task<IResult> QueryPost(HttpContext http, ContextResolver resolver, TemporalService service)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, QueryParameters);
        var mediaType = ngsi.Negotiate();
        var body = await ngsi.ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("The query must be a JSON object.");
        var context = await ngsi.ContextOfAsync(body);
        if (body["type"] is not JsonValue t || t.GetValueKind() != JsonValueKind.String || t.GetValue<string>() != "Query")
            throw NgsiLdException.BadData("The body must be a Query (type \"Query\").");
        var selection = QueryBody.Read(body, http.Request);
        var temporalQ = body["temporalQ"] as JsonObject;
        if (body["temporalQ"] is not null && temporalQ is null) throw NgsiLdException.BadData("temporalQ must be an object.");
        var aggregation = body["aggrParams"] as JsonObject ?? temporalQ;
        var methods = Methods(aggregation?["aggrMethods"]) ?? QueryString.Get(http.Request, "aggrMethods");
        var (format, render) = Representation(http.Request, context, mediaType, ngsi);
        // aggrMethods in the body ask for the aggregated representation by themselves.
        if (format == TemporalFormat.Normalized && Methods(aggregation?["aggrMethods"]) is not null) format = TemporalFormat.AggregatedValues;
        var parameters = new TemporalQueryParameters
        {
            Entities = selection,
            TimeRel = QueryBody.Text(temporalQ, "timerel"),
            TimeAt = QueryBody.Text(temporalQ, "timeAt"),
            EndTimeAt = QueryBody.Text(temporalQ, "endTimeAt"),
            TimeProperty = QueryBody.Text(temporalQ, "timeproperty"),
            LastN = temporalQ?["lastN"] is JsonValue n ? n.ToJsonString().Trim('"') : QueryString.Get(http.Request, "lastN"),
            Aggregated = format == TemporalFormat.AggregatedValues,
            AggrMethods = methods,
            AggrPeriodDuration = QueryBody.Text(aggregation, "aggrPeriodDuration") ?? QueryString.Get(http.Request, "aggrPeriodDuration"),
            Local = QueryString.Bool(http.Request, "local") || body["local"] is JsonValue l && l.GetValueKind() == JsonValueKind.True,
        };
        render = render with { Attributes = selection.Attrs?.Select(a => EntityReader.ExpandName(a, context)).ToHashSet(StringComparer.Ordinal) ?? render.Attributes };
        var result = await service.QueryAsync(ngsi.Tenant, parameters, context, http.RequestAborted);
        return Write(ngsi, result, format, render, mediaType, context, single: false);
    }

    private static string? Methods(JsonNode? node) => node switch
    {
        null => null,
        JsonArray list => string.Join(',', list.Select(m => m is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>() : throw NgsiLdException.BadData("aggrMethods must be a list of method names."))),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw NgsiLdException.BadData("aggrMethods must be a list of method names."),
    };

    private static async Task<IResult> Retrieve(HttpContext http, string id, ContextResolver resolver, TemporalService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, RetrieveParameters);
        var mediaType = ngsi.Negotiate();
        var context = await ngsi.ContextAsync();
        var (format, render) = Representation(http.Request, context, mediaType, ngsi);
        var parameters = Parameters(http.Request, new Broker.EntityQueryParameters
        {
            Attrs = QueryString.List(http.Request, "attrs"),
            Type = QueryString.Get(http.Request, "type"),
        }, format);
        var result = await service.RetrieveAsync(ngsi.Tenant, id, parameters, context, http.RequestAborted);
        return Write(ngsi, result, format, render, mediaType, context, single: true);
    }

    private static async Task<IResult> Delete(HttpContext http, string id, ContextResolver resolver, TemporalService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, WriteParameters);
        await service.DeleteAsync(ngsi.Tenant, id, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> AddAttributes(HttpContext http, string id, ContextResolver resolver, TemporalService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, WriteParameters);
        var body = await ngsi.ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("The fragment must be a JSON object.");
        var context = await ngsi.ContextOfAsync(body);
        await service.AddAttributesAsync(ngsi.Tenant, id, body, context, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> DeleteAttribute(HttpContext http, string id, string attr, ContextResolver resolver, TemporalService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, WriteParameters);
        var context = await ngsi.ContextAsync();
        await service.DeleteAttributeAsync(ngsi.Tenant, id, RouteValues.Decode(attr), QueryString.Get(http.Request, "datasetId"),
            QueryString.Bool(http.Request, "deleteAll"), context, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> ModifyInstance(HttpContext http, string id, string attr, string instanceId, ContextResolver resolver, TemporalService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, WriteParameters);
        var body = await ngsi.ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("The fragment must be a JSON object.");
        var context = await ngsi.ContextOfAsync(body);
        await service.ModifyInstanceAsync(ngsi.Tenant, id, RouteValues.Decode(attr), RouteValues.Decode(instanceId), body, context, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> DeleteInstance(HttpContext http, string id, string attr, string instanceId, ContextResolver resolver, TemporalService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, WriteParameters);
        var context = await ngsi.ContextAsync();
        await service.DeleteInstanceAsync(ngsi.Tenant, id, RouteValues.Decode(attr), RouteValues.Decode(instanceId), context, http.RequestAborted);
        return Results.NoContent();
    }

    private static TemporalQueryParameters Parameters(HttpRequest request, Broker.EntityQueryParameters selection, TemporalFormat format) => new()
    {
        Entities = selection,
        TimeRel = QueryString.Get(request, "timerel"),
        TimeAt = QueryString.Get(request, "timeAt"),
        EndTimeAt = QueryString.Get(request, "endTimeAt"),
        TimeProperty = QueryString.Get(request, "timeproperty"),
        LastN = QueryString.Get(request, "lastN"),
        Aggregated = format == TemporalFormat.AggregatedValues,
        AggrMethods = QueryString.Get(request, "aggrMethods"),
        AggrPeriodDuration = QueryString.Get(request, "aggrPeriodDuration"),
        Local = QueryString.Bool(request, "local"),
        DatasetIds = QueryString.List(request, "datasetId")?.ToHashSet(StringComparer.Ordinal),
    };

    /// <summary>The temporal format from <c>options</c> or <c>format</c>, and the render options of the rest.</summary>
    private static (TemporalFormat Format, RenderOptions Render) Representation(HttpRequest request, JsonLdContext context, string mediaType, NgsiLdRequest ngsi)
    {
        foreach (var name in new[] { "pick", "omit" })
            if (QueryString.Get(request, name) is { } projection && projection.Contains('{'))
                throw NgsiLdException.BadData($"{name}: projections into linked entities are not available on temporal representations.");
        var options = QueryString.Options(request);
        var format = QueryString.Get(request, "format");
        var temporal = format switch
        {
            "temporalValues" => TemporalFormat.TemporalValues,
            "aggregatedValues" => TemporalFormat.AggregatedValues,
            _ when options.Contains("aggregatedValues") => TemporalFormat.AggregatedValues,
            _ when options.Contains("temporalValues") => TemporalFormat.TemporalValues,
            _ => TemporalFormat.Normalized,
        };
        if (format is "temporalValues" or "aggregatedValues") request.QueryString = RemoveFormat(request.QueryString);
        return (temporal, Rendering.From(request, context, mediaType, ngsi));
    }

    private static Microsoft.AspNetCore.Http.QueryString RemoveFormat(Microsoft.AspNetCore.Http.QueryString query)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.Value);
        parsed.Remove("format");
        return Microsoft.AspNetCore.Http.QueryString.Create(parsed);
    }

    private static IResult Write(NgsiLdRequest ngsi, TemporalResult result, TemporalFormat format, RenderOptions render, string mediaType,
        JsonLdContext context, bool single)
    {
        if (result.Page.Total is { } total)
            ngsi.Http.Response.Headers["NGSILD-Results-Count"] = total.ToString(CultureInfo.InvariantCulture);
        var status = 200;
        if (result.Range is { } range)
        {
            // A partial answer (clause 6.3.10): the range of instants it covers; the client continues from its end.
            ngsi.Http.Response.Headers["Content-Range"] =
                $"date-time {TemporalRenderer.Instant(range.Start)}-{TemporalRenderer.Instant(range.End)}/{(range.Size is { } n ? n.ToString(CultureInfo.InvariantCulture) : "*")}";
            status = StatusCodes.Status206PartialContent;
        }
        var rendered = result.Page.Entities.Select(e => TemporalRenderer.Render(e, format, result.Window, render))
            .Where(e => single || render.Projection is null || e.Any(m => m.Key != "@context")).ToList();
        if (single)
        {
            if (render.Projection is not null && !rendered[0].Any(m => m.Key != "@context"))
                throw NgsiLdException.NotFound($"The projection leaves nothing of entity {result.Page.Entities[0].Id}.");
            return ngsi.Write(rendered[0], mediaType, context, status);
        }
        return ngsi.Write(new JsonArray(rendered.Select(r => (JsonNode)r).ToArray()), mediaType, context, status);
    }
}
