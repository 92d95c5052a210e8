using Microsoft.AspNetCore.Http.Features;
using Stadtkern.Errors;

namespace Stadtkern.Host.Api;

/// <summary>
/// Refuses request paths that would otherwise reach a different resource than the client named: an empty segment
/// (<c>entities//attrs</c>) is an empty id, and an encoded dot segment (<c>attrs/%2e%2e</c>) is an invalid name — Kestrel
/// would decode and remove it, turning "delete this attribute" into "delete this entity".
/// </summary>
internal static class PathGuard
{
    public static IApplicationBuilder UsePathGuard(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/ngsi-ld/v1")) return next(context);
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path.Value!;
        var rawPath = raw.Split('?', 2)[0];
        if (HasDotSegment(rawPath))
            throw NgsiLdException.BadData("The request path has a '.' or '..' segment, which is not a valid id or attribute name.");
        if (path.Value!.Contains("//", StringComparison.Ordinal))
        {
            // PATCH .../attrs//{instanceId} names no attribute instance resource at all: the method is not allowed there.
            if (HttpMethods.IsPatch(context.Request.Method) && path.StartsWithSegments("/ngsi-ld/v1/temporal")
                && path.Value.Contains("/attrs//", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return Task.CompletedTask;
            }
            throw NgsiLdException.BadData("The request path has an empty segment (an empty id or attribute name).");
        }
        return next(context);
    });

    /// <summary>Whether a segment is <c>.</c> or <c>..</c> once percent-decoded (twice, so that <c>%252e</c> counts too).</summary>
    private static bool HasDotSegment(string rawPath)
    {
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment.Length == 0) continue;
            var decoded = Uri.UnescapeDataString(Uri.UnescapeDataString(segment));
            if (decoded is "." or "..") return true;
        }
        return false;
    }
}
