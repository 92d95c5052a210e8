using Microsoft.AspNetCore.Http.Features;
using Stadtkern.Errors;
using Stadtkern.Ingest.Import;
using Stadtkern.JsonLd;

namespace Stadtkern.Host.Api;

internal static partial class IngestEndpoints
{
    public const string MappingHeader = "Stadtkern-Import-Mapping";

    /// <summary>A file streamed as the body; the mapping as the <c>mapping</c> parameter or header (JSON), the format as <c>format</c> or from the Content-Type.</summary>
    private static async Task<IResult> Import(HttpContext http, ContextResolver resolver, FileImport import)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, System.Collections.Frozen.FrozenSet.Create(StringComparer.Ordinal, "format", "mapping"));
        var text = QueryString.Get(http.Request, "mapping") ?? http.Request.Headers[MappingHeader].ToString();
        var mapping = text.Length == 0 ? new ImportMapping() : ImportMapping.Parse(text);
        var format = QueryString.Get(http.Request, "format") is { } name ? ImportFormats.Parse(name) : FormatOf(http.Request.ContentType) ?? mapping.Format;
        mapping = mapping with { Format = format, Context = mapping.Context ?? ngsi.LinkContextUrl() };
        // A file is bounded per row and per batch, not as a whole.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        var result = await import.RunAsync(ngsi.Tenant, http.Request.Body, mapping, null, http.RequestAborted);
        return Results.Json(ImportSummary.ToJson(result));
    }

    private static ImportFormat? FormatOf(string? contentType) => NgsiLdRequest.MediaTypeOf(contentType) switch
    {
        "text/csv" => ImportFormat.Csv,
        NgsiLdRequest.GeoJson => ImportFormat.GeoJson,
        NgsiLdRequest.LdJson or Ndjson or "application/jsonl" => ImportFormat.NgsiLd,
        _ => null,
    };
}
