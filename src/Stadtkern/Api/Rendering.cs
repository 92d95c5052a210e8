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
        var pick = QueryString.Get(request, "pick");
        var omit = QueryString.Get(request, "omit");
        if (pick is not null && omit is not null) throw NgsiLdException.BadData("pick and omit cannot be used together.");
        if ((pick is not null || omit is not null) && attrs is not null) throw NgsiLdException.BadData("pick and omit cannot be used together with attrs.");
        var projection = pick is not null ? Projection.Parse(pick, isPick: true, context)
            : omit is not null ? Projection.Parse(omit, isPick: false, context) : null;
        HashSet<string>? keep = attrs?.Select(a => EntityReader.ExpandName(a, context)).ToHashSet(StringComparer.Ordinal);
        var geometryProperty = QueryString.Get(request, "geometryProperty");
        var render = new RenderOptions(context)
        {
            Format = QueryString.Format(request, options),
            SysAttrs = options.Contains("sysAttrs"),
            Attributes = keep,
            Projection = projection,
            Lang = QueryString.Get(request, "lang"),
            DatasetIds = QueryString.List(request, "datasetId")?.ToHashSet(StringComparer.Ordinal),
            BodyContext = mediaType == NgsiLdRequest.LdJson ? ngsi.ResponseContext(context) : null,
            GeometryProperty = geometryProperty is null ? CoreTerms.NgsiLd + "location" : EntityReader.ExpandName(geometryProperty, context),
        };
        return projection is null ? render : projection.Apply(render);
    }
}
