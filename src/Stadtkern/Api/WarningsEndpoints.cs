using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Warnings;

namespace Stadtkern.Host.Api;

/// <summary>/stadtkern/v1/warnings: compose public warnings (by hand or from an alarm), release them with four eyes, update and cancel them.</summary>
internal static class WarningsEndpoints
{
    private const string Path = "/stadtkern/v1/warnings";
    private static readonly FrozenSet<string> ListParameters = FrozenSet.Create(StringComparer.Ordinal, "state");

    public static void MapWarnings(this IEndpointRouteBuilder app)
    {
        var warnings = app.MapGroup(Path).WithTags("Warnings");
        warnings.MapPost("/", Create).WithSummary("Compose a draft warning (CAP 1.2 content)");
        warnings.MapPost("/from-alert/{entityId}", FromAlert).WithSummary("Compose a draft warning from an NGSI-LD Alert entity");
        warnings.MapGet("/", List).WithSummary("List warnings, optionally of one state (draft, approved, published)");
        warnings.MapGet("/{id}", Retrieve).WithSummary("Retrieve a warning with the history of its changes");
        warnings.MapPut("/{id}", Revise).WithSummary("Replace the content of a draft warning");
        warnings.MapPost("/{id}/approve", Approve).WithSummary("Approve a draft (by someone who did not write it)");
        warnings.MapPost("/{id}/publish", Publish).WithSummary("Publish an approved warning");
        warnings.MapPost("/{id}/update", (HttpContext http, string id, ContextResolver resolver, WarningService service) =>
            FollowUp(http, id, "Update", resolver, service)).WithSummary("Draft an Update of a published warning");
        warnings.MapPost("/{id}/cancel", (HttpContext http, string id, ContextResolver resolver, WarningService service) =>
            FollowUp(http, id, "Cancel", resolver, service)).WithSummary("Draft a Cancel of a published warning");
    }

    private static async Task<IResult> Create(HttpContext http, ContextResolver resolver, WarningService service)
    {
        var user = ActingUser.Of(http);
        var alert = await ReadAsync(http, resolver) ?? throw NgsiLdException.Invalid("The request body is empty.");
        return Created(http, await service.CreateDraftAsync(alert, user, http.RequestAborted));
    }

    private static async Task<IResult> FromAlert(HttpContext http, string entityId, ContextResolver resolver, WarningService service)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var user = ActingUser.Of(http);
        var tenant = new NgsiLdRequest(http, resolver).Tenant;
        return Created(http, await service.DraftFromAlarmAsync(tenant, RouteValues.Decode(entityId), user, http.RequestAborted));
    }

    private static async Task<IResult> List(HttpContext http, WarningService service)
    {
        QueryString.Check(http.Request, ListParameters);
        WarningState? state = QueryString.Get(http.Request, "state") switch
        {
            null => null,
            // Exact names only: Enum.TryParse would also take numbers and comma-joined names.
            var s when Enum.GetNames<WarningState>().FirstOrDefault(n => n.Equals(s, StringComparison.OrdinalIgnoreCase)) is { } name => Enum.Parse<WarningState>(name),
            var s => throw NgsiLdException.BadData($"state '{s}' is not one of draft, approved, published."),
        };
        var warnings = (await service.ListAsync(http.RequestAborted)).Where(w => state is null || w.State == state);
        return Json(new JsonArray(warnings.Select(w => (JsonNode)w.ToJson()).ToArray()));
    }

    private static async Task<IResult> Retrieve(HttpContext http, string id, WarningService service)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var warning = await service.GetAsync(id, http.RequestAborted);
        var json = warning.ToJson();
        json["history"] = new JsonArray((await service.HistoryAsync(id, http.RequestAborted)).Select(e => (JsonNode)e.ToJson()).ToArray());
        return Json(json);
    }

    private static async Task<IResult> Revise(HttpContext http, string id, ContextResolver resolver, WarningService service)
    {
        var user = ActingUser.Of(http);
        var alert = await ReadAsync(http, resolver) ?? throw NgsiLdException.Invalid("The request body is empty.");
        return Json((await service.ReviseDraftAsync(id, alert, user, http.RequestAborted)).ToJson());
    }

    private static async Task<IResult> Approve(HttpContext http, string id, WarningService service)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        return Json((await service.ApproveAsync(id, ActingUser.Of(http), http.RequestAborted)).ToJson());
    }

    private static async Task<IResult> Publish(HttpContext http, string id, WarningService service)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        return Json((await service.PublishAsync(id, ActingUser.Of(http), http.RequestAborted)).ToJson());
    }

    private static async Task<IResult> FollowUp(HttpContext http, string id, string msgType, ContextResolver resolver, WarningService service)
    {
        var user = ActingUser.Of(http);
        var alert = await ReadAsync(http, resolver);
        return Created(http, await service.FollowUpAsync(id, msgType, alert, user, http.RequestAborted));
    }

    /// <summary>The body as a warning document; null when the request has none (an Update or Cancel may copy the original).</summary>
    private static async Task<AlertDocument?> ReadAsync(HttpContext http, ContextResolver resolver)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        if (http.Request.ContentType is null && http.Request.ContentLength is null or 0) return null;
        var body = await new NgsiLdRequest(http, resolver).ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("A warning must be a JSON object.");
        return AlertDocument.Read(body);
    }

    /// <summary>201 with the new warning as the body and its address in Location.</summary>
    private static IResult Created(HttpContext http, Warning warning)
    {
        http.Response.Headers.Location = $"{Path}/{warning.Id}";
        return Results.Text(warning.ToJson().ToJsonString(), "application/json", statusCode: 201);
    }

    private static IResult Json(JsonNode json) => Results.Content(json.ToJsonString(), "application/json");
}
