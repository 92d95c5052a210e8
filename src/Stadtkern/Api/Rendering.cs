using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;

namespace Stadtkern.Host.Api;

/// <summary>Builds <see cref="RenderOptions"/> from a request's attrs/pick/omit/options/format/lang parameters.</summary>
internal static class Rendering
{
    public static RenderOptions From(HttpRequest request, JsonLdContext context, string mediaType, NgsiLdRequest ngsi)
    {
        var options = QueryString.Options(request);
        var attrs = QueryString.List(request, "attrs");
        var pick = QueryString.List(request, "pick");
        var omit = QueryString.List(request, "omit");
        if (pick is not null && omit is not null) throw NgsiLdException.BadData("pick and omit cannot be used together.");
        HashSet<string>? keep = null;
        var pickId = true;
        var pickType = true;
        if (attrs is not null) keep = attrs.Select(a => EntityReader.ExpandName(a, context)).ToHashSet(StringComparer.Ordinal);
        if (pick is not null)
        {
            pickId = pick.Contains("id");
            pickType = pick.Contains("type");
            keep = pick.Where(p => p is not ("id" or "type")).Select(a => EntityReader.ExpandName(a, context)).ToHashSet(StringComparer.Ordinal);
        }
        HashSet<string>? omitted = null;
        if (omit is not null)
        {
            pickId = !omit.Contains("id");
            pickType = !omit.Contains("type");
            omitted = omit.Where(p => p is not ("id" or "type")).Select(a => EntityReader.ExpandName(a, context)).ToHashSet(StringComparer.Ordinal);
        }
        var geometryProperty = QueryString.Get(request, "geometryProperty");
        return new RenderOptions(context)
        {
            Format = QueryString.Format(request, options),
            SysAttrs = options.Contains("sysAttrs"),
            Attributes = keep,
            Omitted = omitted,
            PickId = pickId,
            PickType = pickType,
            Lang = QueryString.Get(request, "lang"),
            BodyContext = mediaType == NgsiLdRequest.LdJson ? ngsi.ResponseContext(context) : null,
            GeometryProperty = geometryProperty is null ? CoreTerms.NgsiLd + "location" : EntityReader.ExpandName(geometryProperty, context),
        };
    }
}
