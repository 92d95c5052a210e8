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
        var count = QueryString.Bool(http.Request, "count");
        var listing = await service.QueryAsync(ngsi.Tenant, QueryString.Int(http.Request, "limit"), QueryString.Int(http.Request, "offset"), count, http.RequestAborted);
        if (count) http.Response.Headers["NGSILD-Results-Count"] = listing.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonArray(listing.Subscriptions.Select(s => (JsonNode)Render(ngsi, s, context, mediaType, sysAttrs)).ToArray());
        var result = ngsi.Write(body, mediaType, context);
        AddPageLinks(http, listing, mediaType);
        return result;
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
        // A subscription has no version fallbacks (clause 4.3.6.8): the preferred version is honoured by changing nothing.
        if (VersionPreference.Read(http.Request.Headers["Prefer"]) is { } version) http.Response.Headers["Preference-Applied"] = VersionPreference.Name + "=" + version;
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

    // Clause 5.5.9: links to the previous and next page, beside the context link of an application/json answer.
    private static void AddPageLinks(HttpContext http, SubscriptionListing listing, string mediaType)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (listing.HasPrevious)
            http.Response.Headers.Append("Link", string.Create(invariant, $"</ngsi-ld/v1/subscriptions?limit={listing.Limit}&offset={listing.PreviousOffset}>; rel=\"prev\"; type=\"{mediaType}\""));
        if (listing.HasNext)
            http.Response.Headers.Append("Link", string.Create(invariant, $"</ngsi-ld/v1/subscriptions?limit={listing.Limit}&offset={listing.NextOffset}>; rel=\"next\"; type=\"{mediaType}\""));
    }

    private static JsonObject Render(NgsiLdRequest ngsi, SubscriptionView subscription, JsonLdContext context, string mediaType, bool sysAttrs)
    {
        var rendered = SubscriptionRenderer.Render(subscription, context, sysAttrs);
        if (mediaType == NgsiLdRequest.LdJson) rendered["@context"] = ngsi.ResponseContext(context);
        return rendered;
    }
}
