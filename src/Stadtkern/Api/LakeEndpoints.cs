using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Lake;

namespace Stadtkern.Host.Api;

/// <summary>/stadtkern/v1/lake: the raw data lake of the request's tenant — partitions, their records, and the verbatim export.</summary>
internal static class LakeEndpoints
{
    public static void MapLake(this IEndpointRouteBuilder app)
    {
        var lake = app.MapGroup("/stadtkern/v1/lake").WithTags("Raw lake");
        lake.MapGet("/partitions", List).WithSummary("List the lake's partitions (source and day) of the tenant");
        lake.MapGet("/partitions/{source}/{day}", Show).WithSummary("Show the records of one partition, oldest first");
        lake.MapGet("/partitions/{source}/{day}/export", Export).WithSummary("Download a partition as NDJSON, as stored");
    }

    /// <summary>
    /// Deletions carry no body, so no body reader keeps them: they are kept here, before they run, so that the lake holds
    /// every request that can change state (and a replay deletes what was deleted).
    /// </summary>
    public static IApplicationBuilder UseLakeForDeletions(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsDelete(http.Request.Method)
            && (http.Request.Path.StartsWithSegments("/ngsi-ld/v1") || http.Request.Path.StartsWithSegments("/stadtkern/v1/ingest/mappings"))
            && http.RequestServices.GetService<RawLake>() is { } lake)
        {
            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            var link = http.Request.Headers.Link.ToString();
            await lake.AppendAsync(new LakeRecord(time.GetUtcNow(), "http", $"DELETE {http.Request.Path}{http.Request.QueryString}", null,
                http.Request.Headers["NGSILD-Tenant"].ToString(), []) { Link = link.Length == 0 ? null : link }, http.RequestAborted);
        }
        await next(http);
    });

    private static IResult List(HttpContext http, RawLake lake)
    {
        var tenant = Tenant(http);
        var partitions = lake.Partitions().Where(p => p.Tenant == tenant).Select(p => (JsonNode)new JsonObject
        {
            ["source"] = p.Source,
            ["day"] = p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["segments"] = p.Segments,
            ["bytes"] = p.Bytes,
        });
        return Results.Content(new JsonArray(partitions.ToArray()).ToJsonString(), "application/json");
    }

    private static async Task<IResult> Show(HttpContext http, string source, string day, RawLake lake)
    {
        var offset = QueryString.Int(http.Request, "offset") ?? 0;
        var limit = QueryString.Int(http.Request, "limit") ?? 100;
        if (offset < 0 || limit is < 1 or > 1000) throw NgsiLdException.BadData("offset must not be negative and limit between 1 and 1000.");
        var records = new JsonArray();
        var index = 0;
        await foreach (var line in lake.ReadLinesAsync(Tenant(http), source, Day(day), http.RequestAborted))
        {
            if (index++ < offset) continue;
            records.Add(JsonNode.Parse(line));
            if (records.Count == limit) break;
        }
        return Results.Content(records.ToJsonString(), "application/json");
    }

    private static async Task Export(HttpContext http, string source, string day, RawLake lake)
    {
        var tenant = Tenant(http);
        var date = Day(day);
        http.Response.ContentType = "application/x-ndjson";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"lake-{Uri.EscapeDataString(source)}-{day}.ndjson\"";
        await foreach (var line in lake.ReadLinesAsync(tenant, source, date, http.RequestAborted))
            await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), http.RequestAborted);
    }

    private static string Tenant(HttpContext http) => http.Request.Headers["NGSILD-Tenant"].ToString();

    private static DateOnly Day(string text) =>
        LakePartition.TryParseDay(text, out var day)
            ? day : throw NgsiLdException.BadData($"'{text}' is not a day (yyyy-MM-dd).");
}
