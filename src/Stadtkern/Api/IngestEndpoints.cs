using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.Ingest;
using Stadtkern.JsonLd;

namespace Stadtkern.Host.Api;

/// <summary>/stadtkern/v1/ingest: bulk ingestion over HTTP — an NDJSON stream of entities or a file to import, as long as the sender likes — the MQTT mapping rules, and what ingestion refused.</summary>
internal static partial class IngestEndpoints
{
    public const string Ndjson = "application/x-ndjson";

    public static void MapIngest(this IEndpointRouteBuilder app)
    {
        var ingest = app.MapGroup("/stadtkern/v1/ingest").WithTags("Ingestion");
        ingest.MapPost("/ndjson", IngestNdjson).WithSummary("Upsert a stream of entities, one JSON object per line");
        ingest.MapPost("/import", Import).WithSummary("Import a CSV, GeoJSON or NGSI-LD file as entities, with a mapping");
        ingest.MapDeadLetters();
        ingest.MapMappings();
    }

    private static async Task<IResult> IngestNdjson(HttpContext http, ContextResolver resolver, NdjsonIngest ndjson)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, System.Collections.Frozen.FrozenSet.Create(StringComparer.Ordinal, "options"));
        if (NgsiLdRequest.MediaTypeOf(http.Request.ContentType) is not (Ndjson or "application/jsonl"))
            throw new NgsiLdException(ErrorType.UnsupportedMediaType, $"The stream must be {Ndjson}: one JSON entity per line.");
        var mode = QueryString.Options(http.Request).Contains("replace") ? UpsertMode.Replace : UpsertMode.Update;
        var context = await ngsi.ContextAsync();
        // A stream is bounded per line and per batch, not as a whole.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        var link = http.Request.Headers.Link.ToString();
        var result = await ndjson.RunAsync(ngsi.Tenant, http.Request.Body, $"POST {http.Request.Path}{http.Request.QueryString}", context, mode, http.RequestAborted,
            link.Length == 0 ? null : link);
        var rejections = new JsonArray(result.Rejections.Select(r => (JsonNode)new JsonObject
        {
            ["line"] = r.Line,
            ["entityId"] = r.EntityId,
            ["error"] = ProblemDocuments.Body(r.Error.Type, r.Error.Detail),
        }).ToArray());
        return Results.Json(new JsonObject
        {
            ["lines"] = result.Lines,
            ["applied"] = result.Applied,
            ["rejected"] = result.Rejected,
            ["rejections"] = rejections,
        });
    }
}
