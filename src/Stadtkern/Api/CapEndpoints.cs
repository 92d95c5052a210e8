using System.Globalization;
using Microsoft.Net.Http.Headers;
using Stadtkern.Warnings;

namespace Stadtkern.Host.Api;

/// <summary>/cap: the public, read-only side of warnings — each published message as CAP 1.2 XML, and an Atom feed of those in force.</summary>
internal static class CapEndpoints
{
    private const string XmlSuffix = ".xml";

    public static void MapCap(this IEndpointRouteBuilder app)
    {
        var cap = app.MapGroup("/cap").WithTags("Public warnings (CAP)");
        cap.MapGet("/alerts/{file}", Alert).WithSummary("A published warning as a CAP 1.2 message ({id}.xml)");
        cap.MapGet("/alerts.atom", Feed).WithSummary("Atom feed of the warnings in force, each linking its CAP message");
    }

    private static async Task<IResult> Alert(HttpContext http, string file, WarningService service)
    {
        if (!file.EndsWith(XmlSuffix, StringComparison.Ordinal)) return Results.NotFound();
        var warning = await service.PublishedAsync(file[..^XmlSuffix.Length], http.RequestAborted);
        var xml = CapXml.Write(warning, await service.CapReferencesAsync(warning, http.RequestAborted));
        // A published message never changes: an Update is a message of its own.
        http.Response.Headers.CacheControl = "public, max-age=86400, immutable";
        http.Response.Headers.LastModified = warning.Sent!.Value.ToString("R", CultureInfo.InvariantCulture);
        return Results.Bytes(xml, CapXml.MediaType);
    }

    /// <summary>Pollers send If-None-Match or If-Modified-Since and get 304 while nothing changed.</summary>
    private static async Task<IResult> Feed(HttpContext http, WarningService service)
    {
        var (current, updated) = await service.FeedAsync(http.RequestAborted);
        var etag = new EntityTagHeaderValue($"\"{updated.ToUnixTimeSeconds()}-{current.Count}\"");
        var headers = http.Response.Headers;
        headers.ETag = etag.ToString();
        headers.LastModified = updated.ToString("R", CultureInfo.InvariantCulture);
        headers.CacheControl = "no-cache";
        var request = http.Request.GetTypedHeaders();
        if (request.IfNoneMatch.Count > 0
                ? request.IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false) || t == EntityTagHeaderValue.Any)
                : request.IfModifiedSince is { } since && updated.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds())
            return Results.StatusCode(StatusCodes.Status304NotModified);
        var baseUri = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        return Results.Bytes(AtomFeed.Write(current, updated, baseUri), AtomFeed.MediaType);
    }
}
