using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Api;

internal static partial class SubscriptionsEndpoints
{
    /// <summary>The @context value the request's names were written in: the Link header's URL, the body's @context, or null for the core context.</summary>
    private static JsonNode? TermsContext(NgsiLdRequest ngsi, JsonObject body)
    {
        if (ngsi.IsLdJsonBody) return body[Members.Context]?.DeepClone();
        return ngsi.LinkContextUrl() is { } url ? JsonValue.Create(url) : null;
    }

    /// <summary>
    /// Sets the subscription's jsonldContext (clause 5.2.12) to the URL of the request's @context: the Link header's URL,
    /// or the body's @context when it is one URL. A body @context that is a list or an object has no URL, so the broker
    /// hosts it as an ImplicitlyCreated context (clause 5.13) and names that. Returns the id of such a context.
    /// </summary>
    private static async Task<string?> NotificationContextAsync(NgsiLdRequest ngsi, JsonObject body, JsonObject document, IContextRegistry contexts, TimeProvider time)
    {
        var given = ngsi.IsLdJsonBody ? body[Members.Context] : null;
        var url = ngsi.LinkContextUrl() ?? SingleUrl(given);
        if (url is not null || given is null)
        {
            document[SubscriptionMembers.JsonldContext] = url ?? ContextResolver.CoreContextUrl;
            return null;
        }
        var id = Guid.NewGuid().ToString("N");
        var hostedUrl = $"{ngsi.Http.Request.Scheme}://{ngsi.Http.Request.Host}/ngsi-ld/v1/jsonldContexts/{id}";
        var hosted = new HostedContext(id, hostedUrl, new JsonObject { [Members.Context] = given.DeepClone() }, time.GetUtcNow(), ContextKind.ImplicitlyCreated);
        await contexts.AddAsync(hosted, ngsi.Http.RequestAborted);
        document[SubscriptionMembers.JsonldContext] = hostedUrl;
        return id;
    }

    private static string? SingleUrl(JsonNode? context) => context switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonArray { Count: 1 } a when a[0] is JsonValue v && v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => null,
    };
}
