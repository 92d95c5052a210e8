using System.Text.Json.Nodes;
using Stadtkern.Anonymisation;
using Stadtkern.JsonLd;

namespace Stadtkern.Host.Api;

/// <summary>
/// /stadtkern/v1/anonymisation/keys: a tenant's pseudonym key versions (never the secrets) and their rotation, after
/// which new releases carry pseudonyms that cannot be linked to earlier ones.
/// </summary>
internal static class AnonymisationEndpoints
{
    public static void MapAnonymisation(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/stadtkern/v1/anonymisation/keys").WithTags("Anonymisation");
        keys.MapGet("/", List).WithSummary("The tenant's pseudonym key versions");
        keys.MapPost("/rotate", Rotate).WithSummary("Start a new pseudonym key version");
    }

    private static string Tenant(HttpContext http, ContextResolver resolver) => NgsiLdRequest.TenantOf(http, resolver);

    private static async Task<IResult> List(HttpContext http, ContextResolver resolver, PseudonymKeys keys)
    {
        var versions = await keys.ListAsync(Tenant(http, resolver), http.RequestAborted);
        return Results.Content(new JsonArray([.. versions.Select(v => (JsonNode)Render(v))]).ToJsonString(), "application/json");
    }

    private static async Task<IResult> Rotate(HttpContext http, ContextResolver resolver, PseudonymKeys keys)
    {
        var key = await keys.RotateAsync(Tenant(http, resolver), http.RequestAborted);
        return Results.Content(Render(new PseudonymKeyInfo(key.Version, key.CreatedAt, true)).ToJsonString(), "application/json", statusCode: 201);
    }

    private static JsonObject Render(PseudonymKeyInfo key) => new()
    {
        ["version"] = key.Version,
        ["createdAt"] = Model.Validation.Format(key.CreatedAt),
        ["current"] = key.Current,
    };
}
