using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;

namespace Stadtkern.Host.Api;

/// <summary>Reads the NGSI-LD Query data type (clause 5.2.23) into query parameters.</summary>
internal static class QueryBody
{
    public static EntityQueryParameters Read(JsonObject body, HttpRequest request)
    {
        List<string>? ids = null;
        string? idPattern = null;
        var types = new List<string>();
        if (body["entities"] is JsonArray selectors)
        {
            foreach (var selector in selectors.OfType<JsonObject>())
            {
                if (Text(selector, "id") is { } id) (ids ??= []).Add(id);
                if (Text(selector, "idPattern") is { } pattern) idPattern = pattern;
                if (Text(selector, "type") is { } type) types.Add(type);
            }
        }
        else if (body["entities"] is not null)
        {
            throw NgsiLdException.BadData("entities must be a list of entity selectors.");
        }
        var geo = body["geoQ"] as JsonObject;
        var attrs = body["attrs"] switch
        {
            JsonArray a => a.Select(x => x!.GetValue<string>()).ToList(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Split(',').ToList(),
            null => null,
            _ => throw NgsiLdException.BadData("attrs must be a list of attribute names."),
        };
        return new EntityQueryParameters
        {
            Ids = ids,
            IdPattern = idPattern,
            Type = types.Count > 0 ? string.Join(',', types) : null,
            Attrs = attrs,
            Q = Text(body, "q"),
            ScopeQ = Text(body, "scopeQ"),
            GeoRel = geo is null ? null : Text(geo, "georel"),
            Geometry = geo is null ? null : Text(geo, "geometry"),
            Coordinates = geo?["coordinates"] switch { JsonArray c => c.ToJsonString(), JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>(), _ => null },
            GeoProperty = geo is null ? null : Text(geo, "geoproperty"),
            Limit = QueryString.Int(request, "limit"),
            Offset = QueryString.Int(request, "offset"),
            Count = QueryString.Bool(request, "count"),
        };
    }

    /// <summary>A string member of a body object (null when absent or when the object is); anything else is BadRequestData.</summary>
    public static string? Text(JsonObject? o, string name) => o?[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw NgsiLdException.BadData($"'{name}' must be a string."),
    };
}
