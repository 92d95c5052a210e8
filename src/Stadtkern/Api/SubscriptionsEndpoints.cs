using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Api;

/// <summary>/ngsi-ld/v1/subscriptions: create, query, retrieve, update and delete subscriptions (GS CIM 009 clause 5.8).</summary>
internal static partial class SubscriptionsEndpoints
{
    private static readonly FrozenSet<string> NoParameters = FrozenSet<string>.Empty;
    private static readonly FrozenSet<string> RetrieveParameters = FrozenSet.Create(StringComparer.Ordinal, "options");
    private static readonly FrozenSet<string> QueryParameters = FrozenSet.Create(StringComparer.Ordinal, "limit", "offset", "count", "options");

    public static void MapSubscriptions(this RouteGroupBuilder api)
    {
        var subscriptions = api.MapGroup("/subscriptions").WithTags("Subscriptions");
        subscriptions.MapPost("/", Create).WithSummary("Create a subscription");
        subscriptions.MapGet("/", Query).WithSummary("Query subscriptions");
        subscriptions.MapGet("/{id}", Retrieve).WithSummary("Retrieve a subscription");
        subscriptions.MapPatch("/{id}", Update).WithSummary("Update a subscription");
        subscriptions.MapDelete("/{id}", Delete).WithSummary("Delete a subscription");
    }

    private static async Task<IResult> Create(HttpContext http, ContextResolver resolver, SubscriptionService service, Store.IContextRegistry contexts, TimeProvider time)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, NoParameters);
        var body = await ngsi.ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("A subscription must be a JSON object.");
        var context = await ngsi.ContextOfAsync(body);
        var document = SubscriptionReader.ReadNew(body, context, TermsContext(ngsi, body));
        var id = document[SubscriptionMembers.Id]!.GetValue<string>();
        if (await service.ExistsAsync(ngsi.Tenant, id, http.RequestAborted))
            throw new NgsiLdException(ErrorType.AlreadyExists, $"Subscription {id} already exists.");
        var implicitContext = document.ContainsKey(SubscriptionMembers.JsonldContext)
            ? null
            : await NotificationContextAsync(ngsi, body, document, contexts, time);
        try
        {
            await service.CreateAsync(ngsi.Tenant, document, http.RequestAborted);
        }
        catch when (implicitContext is not null)
        {
            await contexts.DeleteAsync(implicitContext, CancellationToken.None);
            throw;
        }
        return Results.Created($"/ngsi-ld/v1/subscriptions/{RouteValues.HeaderSafe(id)}", null);
    }

    private static async Task<IResult> Query(HttpContext http, ContextResolver resolver, SubscriptionService service)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, QueryParameters);
        var mediaType = ngsi.Negotiate();
        var context = await ngsi.ContextAsync();
        var sysAttrs = QueryString.Options(http.Request).Contains("sysAttrs");
        var (subscriptions, total) = await service.QueryAsync(ngsi.Tenant, QueryString.Int(http.Request, "limit"), QueryString.Int(http.Request, "offset"),
            QueryString.Bool(http.Request, "count"), http.RequestAborted);
        if (total is { } count) http.Response.Headers["NGSILD-Results-Count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonArray(subscriptions.Select(s => (JsonNode)Render(ngsi, s, context, mediaType, sysAttrs)).ToArray());
        return ngsi.Write(body, mediaType, context);
    }

    private static async Task<IResult> Retrieve(HttpContext http, string id, ContextResolver resolver, SubscriptionService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, RetrieveParameters);
        var mediaType = ngsi.Negotiate();
        var context = await ngsi.ContextAsync();
        var sysAttrs = QueryString.Options(http.Request).Contains("sysAttrs");
        var subscription = await service.GetAsync(ngsi.Tenant, id, http.RequestAborted);
        return ngsi.Write(Render(ngsi, subscription, context, mediaType, sysAttrs), mediaType, context);
    }

    private static async Task<IResult> Update(HttpContext http, string id, ContextResolver resolver, SubscriptionService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, NoParameters);
        var body = await ngsi.ReadBodyAsync(allowMergePatch: true) as JsonObject ?? throw NgsiLdException.BadData("A subscription fragment must be a JSON object.");
        var context = await ngsi.ContextOfAsync(body);
        await service.UpdateAsync(ngsi.Tenant, id, body, context, TermsContext(ngsi, body), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Delete(HttpContext http, string id, ContextResolver resolver, SubscriptionService service)
    {
        id = RouteValues.Decode(id);
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, NoParameters);
        await service.DeleteAsync(ngsi.Tenant, id, http.RequestAborted);
        return Results.NoContent();
    }

    private static JsonObject Render(NgsiLdRequest ngsi, SubscriptionView subscription, JsonLdContext context, string mediaType, bool sysAttrs)
    {
        var rendered = SubscriptionRenderer.Render(subscription, context, sysAttrs);
        if (mediaType == NgsiLdRequest.LdJson) rendered["@context"] = ngsi.ResponseContext(context);
        return rendered;
    }
}
