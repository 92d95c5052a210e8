using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Watch;

namespace Stadtkern.Host.Api;

/// <summary>
/// /stadtkern/v1/watch/rules: the watch rules of a tenant (NGSILD-Tenant); /stadtkern/v1/control-room: open alarms, the
/// steps a control room takes on them, and statistics.
/// </summary>
internal static class WatchEndpoints
{
    private const string RulesPath = "/stadtkern/v1/watch/rules";

    public static void MapWatch(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup(RulesPath).WithTags("Watch");
        rules.MapPost("/", Create).WithSummary("Create a watch rule");
        rules.MapGet("/", List).WithSummary("List the tenant's watch rules");
        rules.MapGet("/{id}", Retrieve).WithSummary("Retrieve a watch rule");
        rules.MapPut("/{id}", Replace).WithSummary("Replace a watch rule");
        rules.MapDelete("/{id}", Delete).WithSummary("Delete a watch rule");
        var room = app.MapGroup("/stadtkern/v1/control-room").WithTags("Control room");
        room.MapGet("/alarms", Open).WithSummary("Open alarms, most severe and oldest first");
        room.MapPost("/alarms/{id}/acknowledge", Acknowledge).WithSummary("Acknowledge an alarm (X-Stadtkern-User; optional comment)");
        room.MapPost("/alarms/{id}/comments", Comment).WithSummary("Comment on an alarm (X-Stadtkern-User)");
        room.MapPost("/alarms/{id}/clear", Clear).WithSummary("Clear an alarm by hand (X-Stadtkern-User; optional comment)");
        room.MapGet("/statistics", Statistics).WithSummary("Alarm counts and times to acknowledge and to clear");
    }

    private static string Tenant(HttpContext http, ContextResolver resolver) => NgsiLdRequest.TenantOf(http, resolver);

    private static async Task<JsonObject> BodyAsync(HttpContext http, ContextResolver resolver) =>
        await new NgsiLdRequest(http, resolver).ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("The body must be a JSON object.");

    private static JsonObject Render((WatchRule Rule, bool ReadOnly) rule)
    {
        var document = (JsonObject)rule.Rule.Document.DeepClone();
        document["readOnly"] = rule.ReadOnly;
        return document;
    }

    private static async Task<IResult> Create(HttpContext http, ContextResolver resolver, WatchRules rules)
    {
        var tenant = Tenant(http, resolver);
        var rule = await rules.PutAsync(tenant, await BodyAsync(http, resolver), replace: false, null, http.RequestAborted);
        return Results.Created($"{RulesPath}/{RouteValues.HeaderSafe(rule.Id)}", null);
    }

    private static IResult List(HttpContext http, ContextResolver resolver, WatchRules rules) =>
        Results.Content(new JsonArray(rules.List(Tenant(http, resolver)).Select(r => (JsonNode)Render(r)).ToArray()).ToJsonString(), "application/json");

    private static IResult Retrieve(HttpContext http, string id, ContextResolver resolver, WatchRules rules) =>
        Results.Content(Render(rules.Get(Tenant(http, resolver), RouteValues.Decode(id))).ToJsonString(), "application/json");

    private static async Task<IResult> Replace(HttpContext http, string id, ContextResolver resolver, WatchRules rules)
    {
        var tenant = Tenant(http, resolver);
        await rules.PutAsync(tenant, await BodyAsync(http, resolver), replace: true, RouteValues.Decode(id), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Delete(HttpContext http, string id, ContextResolver resolver, WatchRules rules)
    {
        await rules.DeleteAsync(Tenant(http, resolver), RouteValues.Decode(id), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Open(HttpContext http, ContextResolver resolver, ControlRoom room) =>
        Results.Content(new JsonArray((await room.OpenAsync(Tenant(http, resolver), http.RequestAborted)).Select(a => (JsonNode)a).ToArray()).ToJsonString(),
            "application/json");

    /// <summary>The optional (or, for a comment, required) <c>comment</c> member of a step's body; an empty body is no comment.</summary>
    private static async Task<string?> CommentAsync(HttpContext http, ContextResolver resolver, bool required)
    {
        if (http.Request.ContentLength is 0 || (http.Request.ContentLength is null && !http.Request.Headers.ContainsKey("Content-Type")))
            return required ? throw NgsiLdException.BadData("A comment needs a body with a 'comment'.") : null;
        var body = await BodyAsync(http, resolver);
        return body["comment"] switch
        {
            null when !required => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length is > 0 and <= 4000 => v.GetValue<string>().Trim(),
            _ => throw NgsiLdException.BadData("'comment' must be a text of 1 to 4000 characters."),
        };
    }

    private static async Task<IResult> Acknowledge(HttpContext http, string id, ContextResolver resolver, ControlRoom room)
    {
        var tenant = Tenant(http, resolver);
        var user = ActingUser.Of(http);
        await room.AcknowledgeAsync(tenant, RouteValues.Decode(id), user, await CommentAsync(http, resolver, required: false), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Comment(HttpContext http, string id, ContextResolver resolver, ControlRoom room)
    {
        var tenant = Tenant(http, resolver);
        var user = ActingUser.Of(http);
        await room.CommentAsync(tenant, RouteValues.Decode(id), user, (await CommentAsync(http, resolver, required: true))!, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Clear(HttpContext http, string id, ContextResolver resolver, ControlRoom room)
    {
        var tenant = Tenant(http, resolver);
        var user = ActingUser.Of(http);
        await room.ClearAsync(tenant, RouteValues.Decode(id), user, await CommentAsync(http, resolver, required: false), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Statistics(HttpContext http, ContextResolver resolver, ControlRoom room) =>
        Results.Content((await room.StatisticsAsync(Tenant(http, resolver), http.RequestAborted)).ToJsonString(), "application/json");
}
