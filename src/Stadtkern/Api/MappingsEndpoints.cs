using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Ingest.Mapping;
using Stadtkern.JsonLd;

namespace Stadtkern.Host.Api;

/// <summary>/stadtkern/v1/ingest/mappings: the MQTT mapping rules — create, list, retrieve, replace and delete (configured rules only listed and retrieved).</summary>
internal static class MappingsEndpoints
{
    private const string Path = "/stadtkern/v1/ingest/mappings";
    private const string Origin = "origin";
    private const string ReadOnly = "readOnly";

    public static void MapMappings(this RouteGroupBuilder ingest)
    {
        var mappings = ingest.MapGroup("/mappings");
        mappings.MapPost("/", Create).WithSummary("Create an MQTT mapping rule");
        mappings.MapGet("/", List).WithSummary("List the MQTT mapping rules in precedence order");
        mappings.MapGet("/{id}", Retrieve).WithSummary("Retrieve an MQTT mapping rule");
        mappings.MapPut("/{id}", Replace).WithSummary("Replace an MQTT mapping rule");
        mappings.MapDelete("/{id}", Delete).WithSummary("Delete an MQTT mapping rule");
    }

    private static async Task<IResult> Create(HttpContext http, ContextResolver resolver, MappingRules rules)
    {
        var rule = await rules.CreateAsync(await ReadAsync(http, resolver), http.RequestAborted);
        return Results.Created($"{Path}/{RouteValues.HeaderSafe(rule.Id)}", null);
    }

    private static IResult List(HttpContext http, MappingRules rules)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        return Results.Content(new JsonArray(rules.All.Select(r => (JsonNode)Render(r)).ToArray()).ToJsonString(), "application/json");
    }

    private static IResult Retrieve(HttpContext http, string id, MappingRules rules)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        return Results.Content(Render(rules.Get(RouteValues.Decode(id))).ToJsonString(), "application/json");
    }

    private static async Task<IResult> Replace(HttpContext http, string id, ContextResolver resolver, MappingRules rules)
    {
        await rules.ReplaceAsync(RouteValues.Decode(id), await ReadAsync(http, resolver), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Delete(HttpContext http, string id, MappingRules rules)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        await rules.DeleteAsync(RouteValues.Decode(id), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<MappingRuleDocument> ReadAsync(HttpContext http, ContextResolver resolver)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var body = await new NgsiLdRequest(http, resolver).ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("A mapping rule must be a JSON object.");
        // What a GET adds may come back in a PUT of what was read.
        body.Remove(Origin);
        body.Remove(ReadOnly);
        return MappingRuleDocument.Read(body);
    }

    /// <summary>The rule as written, and where it comes from: a configured rule says that it is read-only here.</summary>
    private static JsonObject Render(MappingRule rule)
    {
        var json = rule.Document.ToJson();
        json[Origin] = rule.Origin == MappingOrigin.Config ? "config" : "api";
        json[ReadOnly] = rule.Origin == MappingOrigin.Config;
        return json;
    }
}
