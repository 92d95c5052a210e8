using System.Collections.Frozen;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.Model;

namespace Stadtkern.Host.Api;

/// <summary>Reads and checks query-string parameters: unknown names and repeated values are refused with a clear 400.</summary>
internal static class QueryString
{
    public static readonly FrozenSet<string> EntityQuery = FrozenSet.Create(StringComparer.Ordinal,
        "id", "idPattern", "type", "attrs", "pick", "omit", "q", "scopeQ", "georel", "geometry", "coordinates", "geoproperty",
        "geometryProperty", "csf", "limit", "offset", "count", "options", "format", "lang", "local", "datasetId", "join", "joinLevel",
        "containedBy", "entityMap", "expandValues", "collect", "orderBy", "lastN", "ngsi-ld:lang", "via");

    public static readonly FrozenSet<string> EntityRetrieve = FrozenSet.Create(StringComparer.Ordinal,
        "attrs", "pick", "omit", "options", "format", "lang", "geometryProperty", "type", "local", "datasetId", "join", "joinLevel",
        "containedBy", "entityMap", "expandValues", "via", "deleteAll", "noOverwrite");

    public static void Check(HttpRequest request, FrozenSet<string> allowed)
    {
        foreach (var (key, values) in request.Query)
        {
            if (!allowed.Contains(key)) throw NgsiLdException.Invalid($"Unknown query parameter '{key}'.");
            if (values.Count > 1) throw NgsiLdException.BadData($"The query parameter '{key}' is given more than once.");
        }
    }

    public static string? Get(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return value.Length == 0 ? (request.Query.ContainsKey(name) ? throw NgsiLdException.BadData($"The query parameter '{name}' is empty.") : null) : value;
    }

    public static IReadOnlyList<string>? List(HttpRequest request, string name) =>
        Get(request, name)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } list ? list
        : request.Query.ContainsKey(name) ? throw NgsiLdException.BadData($"The query parameter '{name}' is empty.") : null;

    public static int? Int(HttpRequest request, string name)
    {
        var value = Get(request, name);
        if (value is null) return null;
        return int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : throw NgsiLdException.BadData($"The query parameter '{name}' must be an integer.");
    }

    public static bool Bool(HttpRequest request, string name) => Get(request, name) switch
    {
        null => false,
        "true" => true,
        "false" => false,
        var other => throw NgsiLdException.BadData($"The query parameter '{name}' must be true or false, not '{other}'."),
    };

    private static readonly FrozenSet<string> KnownOptions = FrozenSet.Create(StringComparer.Ordinal,
        "keyValues", "simplified", "concise", "normalized", "sysAttrs", "noOverwrite", "replace", "update", "temporalValues", "aggregatedValues");

    /// <summary>The <c>options</c> values, each checked against the spec's list.</summary>
    public static IReadOnlySet<string> Options(HttpRequest request)
    {
        var options = List(request, "options") ?? [];
        foreach (var o in options)
            if (!KnownOptions.Contains(o)) throw NgsiLdException.Invalid($"Unknown option '{o}'.");
        return options.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The representation from <c>format</c> or <c>options</c> (format wins).</summary>
    public static RepresentationFormat Format(HttpRequest request, IReadOnlySet<string> options)
    {
        var format = Get(request, "format");
        if (format is not null)
        {
            return format switch
            {
                "keyValues" or "simplified" => RepresentationFormat.KeyValues,
                "concise" => RepresentationFormat.Concise,
                "normalized" => RepresentationFormat.Normalized,
                _ => throw NgsiLdException.Invalid($"Unknown format '{format}'."),
            };
        }
        if (options.Contains("keyValues") || options.Contains("simplified")) return RepresentationFormat.KeyValues;
        if (options.Contains("concise")) return RepresentationFormat.Concise;
        return RepresentationFormat.Normalized;
    }

    /// <summary>The entity selection parameters of GET /entities.</summary>
    public static EntityQueryParameters Selection(HttpRequest request) => new()
    {
        Ids = List(request, "id"),
        IdPattern = Get(request, "idPattern"),
        Type = Get(request, "type"),
        Attrs = List(request, "attrs"),
        Q = Get(request, "q"),
        ScopeQ = Get(request, "scopeQ"),
        GeoRel = Get(request, "georel"),
        Geometry = Get(request, "geometry"),
        Coordinates = Get(request, "coordinates"),
        GeoProperty = Get(request, "geoproperty"),
        Limit = Int(request, "limit"),
        Offset = Int(request, "offset"),
        Count = Bool(request, "count"),
        OrderBy = Get(request, "orderBy"),
    };
}
