using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Host.Api;

/// <summary>/ngsi-ld/v1/types and /attributes: what kinds of entities and attributes exist (clause 5.7.5–5.7.10).</summary>
internal static class DiscoveryEndpoints
{
    private static readonly System.Collections.Frozen.FrozenSet<string> Parameters =
        System.Collections.Frozen.FrozenSet.Create(StringComparer.Ordinal, "details", "local");

    public static void MapDiscovery(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Discovery");
        group.MapGet("/types", Types).WithSummary("List entity types");
        group.MapGet("/types/{type}", TypeInfo).WithSummary("Describe one entity type");
        group.MapGet("/attributes", Attributes).WithSummary("List attributes");
        group.MapGet("/attributes/{attr}", AttributeInfo).WithSummary("Describe one attribute");
    }

    private static async Task<(NgsiLdRequest, JsonLdContext, string, IReadOnlyList<TypeUsage>)> LoadAsync(HttpContext http, ContextResolver resolver, IEntityStore store)
    {
        QueryString.Check(http.Request, Parameters);
        var ngsi = new NgsiLdRequest(http, resolver);
        var mediaType = ngsi.Negotiate();
        var context = await ngsi.ContextAsync();
        var usage = await store.TypesAsync(ngsi.Tenant, http.RequestAborted);
        return (ngsi, context, mediaType, usage);
    }

    private static JsonObject WithContext(JsonObject body, NgsiLdRequest ngsi, JsonLdContext context, string mediaType)
    {
        if (mediaType == NgsiLdRequest.LdJson) body["@context"] = ngsi.ResponseContext(context);
        return body;
    }

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode)i).ToArray());

    private static async Task<IResult> Types(HttpContext http, ContextResolver resolver, IEntityStore store)
    {
        var (ngsi, context, mediaType, usage) = await LoadAsync(http, resolver, store);
        if (QueryString.Bool(http.Request, "details"))
        {
            var details = new JsonArray(usage.Select(u => (JsonNode)WithContext(new JsonObject
            {
                ["id"] = u.Type,
                ["type"] = "EntityType",
                ["typeName"] = context.Compact(u.Type),
                ["attributeNames"] = Strings(u.Attributes.Keys.Select(context.Compact)),
            }, ngsi, context, mediaType)).ToArray());
            return ngsi.Write(details, mediaType, context);
        }
        var list = new JsonObject
        {
            ["id"] = $"urn:ngsi-ld:EntityTypeList:{Guid.NewGuid()}",
            ["type"] = "EntityTypeList",
            ["typeList"] = Strings(usage.Select(u => context.Compact(u.Type))),
        };
        return ngsi.Write(WithContext(list, ngsi, context, mediaType), mediaType, context);
    }

    private static async Task<IResult> TypeInfo(HttpContext http, string type, ContextResolver resolver, IEntityStore store)
    {
        var (ngsi, context, mediaType, usage) = await LoadAsync(http, resolver, store);
        var iri = EntityReader.ExpandName(RouteValues.Decode(type), context);
        var found = usage.FirstOrDefault(u => u.Type == iri) ?? throw NgsiLdException.NotFound($"No entity has type {type}.");
        var info = new JsonObject
        {
            ["id"] = found.Type,
            ["type"] = "EntityTypeInfo",
            ["typeName"] = context.Compact(found.Type),
            ["entityCount"] = found.EntityCount,
            ["attributeDetails"] = new JsonArray(found.Attributes.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Key,
                ["type"] = "Attribute",
                ["attributeName"] = context.Compact(a.Key),
                ["attributeTypes"] = Strings(a.Value),
            }).ToArray()),
        };
        return ngsi.Write(WithContext(info, ngsi, context, mediaType), mediaType, context);
    }

    private static Dictionary<string, (long Count, HashSet<string> Kinds, HashSet<string> Types)> ByAttribute(IReadOnlyList<TypeUsage> usage)
    {
        var result = new Dictionary<string, (long, HashSet<string>, HashSet<string>)>(StringComparer.Ordinal);
        foreach (var u in usage)
        {
            foreach (var (name, kinds) in u.Attributes)
            {
                if (!result.TryGetValue(name, out var entry)) entry = (0, new HashSet<string>(), new HashSet<string>());
                entry.Item2.UnionWith(kinds);
                entry.Item3.Add(u.Type);
                result[name] = (entry.Item1 + u.EntityCount, entry.Item2, entry.Item3);
            }
        }
        return result;
    }

    private static JsonObject AttributeBody(string iri, (long Count, HashSet<string> Kinds, HashSet<string> Types) a, JsonLdContext context) => new()
    {
        ["id"] = iri,
        ["type"] = "Attribute",
        ["attributeName"] = context.Compact(iri),
        ["typeNames"] = Strings(a.Types.Select(context.Compact)),
    };

    private static async Task<IResult> Attributes(HttpContext http, ContextResolver resolver, IEntityStore store)
    {
        var (ngsi, context, mediaType, usage) = await LoadAsync(http, resolver, store);
        var attributes = ByAttribute(usage);
        if (QueryString.Bool(http.Request, "details"))
        {
            var details = new JsonArray(attributes.Select(a => (JsonNode)WithContext(AttributeBody(a.Key, a.Value, context), ngsi, context, mediaType)).ToArray());
            return ngsi.Write(details, mediaType, context);
        }
        var list = new JsonObject
        {
            ["id"] = $"urn:ngsi-ld:AttributeList:{Guid.NewGuid()}",
            ["type"] = "AttributeList",
            ["attributeList"] = Strings(attributes.Keys.Select(context.Compact)),
        };
        return ngsi.Write(WithContext(list, ngsi, context, mediaType), mediaType, context);
    }

    private static async Task<IResult> AttributeInfo(HttpContext http, string attr, ContextResolver resolver, IEntityStore store)
    {
        var (ngsi, context, mediaType, usage) = await LoadAsync(http, resolver, store);
        var iri = EntityReader.ExpandName(RouteValues.Decode(attr), context);
        if (!ByAttribute(usage).TryGetValue(iri, out var found)) throw NgsiLdException.NotFound($"No entity has attribute {attr}.");
        var body = AttributeBody(iri, found, context);
        var counts = await store.AttributeCountsAsync(ngsi.Tenant, http.RequestAborted);
        body["attributeCount"] = counts.GetValueOrDefault(iri);
        body["attributeTypes"] = Strings(found.Kinds);
        return ngsi.Write(WithContext(body, ngsi, context, mediaType), mediaType, context);
    }
}
