using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.JsonLd;

namespace Stadtkern.Model;

/// <summary>Renders stored entities (expanded names) as normalized, concise or keyValues JSON, or as GeoJSON features, compacted with the client's context.</summary>
public static class EntityRenderer
{
    public static JsonObject Render(JsonObject stored, RenderOptions options)
    {
        var ctx = options.Context;
        var result = new JsonObject();
        if (options.PickId) result[Members.Id] = stored[Members.Id]!.DeepClone();
        if (options.PickType && stored[Members.Type] is JsonArray types)
            result[Members.Type] = Collapse(types.Select(t => (JsonNode?)ctx.Compact(t!.GetValue<string>())));
        if (stored[Members.Scope] is JsonArray scope && Keep(Members.Scope, options))
            result[Members.Scope] = options.Format == RepresentationFormat.KeyValues || scope.Count != 1 ? scope.DeepClone() : scope[0]!.DeepClone();
        // The simplified representation keeps the entity's own dates too when asked for: attributes are bare values there, the entity is not.
        if (options.SysAttrs)
        {
            if (stored[Members.CreatedAt] is { } c) result[Members.CreatedAt] = c.DeepClone();
            if (stored[Members.ModifiedAt] is { } m) result[Members.ModifiedAt] = m.DeepClone();
            if (stored[Members.DeletedAt] is { } d) result[Members.DeletedAt] = d.DeepClone();
        }
        foreach (var (name, value) in stored)
        {
            if (Members.EntityReserved.Contains(name) || value is not JsonArray instances || !Keep(name, options)) continue;
            if (options.DatasetIds is { } datasets)
            {
                var chosen = instances.OfType<JsonObject>().Where(i => datasets.Contains(i[Members.DatasetId]?.GetValue<string>() ?? "@none")).ToArray();
                if (chosen.Length == 0) continue;
                instances = new JsonArray(chosen.Select(c => (JsonNode)c.DeepClone()).ToArray());
            }
            result[ctx.Compact(name)] = RenderAttribute(instances, options);
        }
        if (options.BodyContext is not null) result[Members.Context] = options.BodyContext.DeepClone();
        return result;
    }

    private static bool Keep(string name, RenderOptions options) =>
        (options.Attributes is null || options.Attributes.Contains(name)) && (options.Omitted is null || !options.Omitted.Contains(name));

    private static JsonNode? Collapse(IEnumerable<JsonNode?> items)
    {
        var list = items.ToArray();
        return list.Length == 1 ? list[0] : new JsonArray(list);
    }

    public static JsonNode? RenderAttribute(JsonArray instances, RenderOptions options)
    {
        var rendered = instances.Select(i => RenderInstance((JsonObject)i!, options)).ToArray();
        return rendered.Length == 1 ? rendered[0] : new JsonArray(rendered);
    }

    public static JsonNode? RenderInstance(JsonObject instance, RenderOptions options)
    {
        var ctx = options.Context;
        var type = instance[Members.Type]!.GetValue<string>();
        var valueMember = AttributeTypes.ValueMember(type);
        var content = instance[valueMember];
        if (type == AttributeTypes.LanguageProperty && options.Lang is not null && content is JsonObject map)
        {
            var chosen = PickLanguage(map, options.Lang);
            if (options.Format == RepresentationFormat.KeyValues) return chosen.Value;
            var asProperty = new JsonObject { [Members.Type] = AttributeTypes.Property, [Members.Value] = chosen.Value };
            if (chosen.Tag is not null) asProperty[Members.Lang] = chosen.Tag;
            CopyMembers(instance, asProperty, options, skip: valueMember);
            if (options.Format == RepresentationFormat.Concise) asProperty.Remove(Members.Type);
            return asProperty;
        }
        if (options.Format == RepresentationFormat.KeyValues) return KeyValue(type, content, ctx);

        var output = new JsonObject();
        if (options.Format == RepresentationFormat.Normalized) output[Members.Type] = type;
        output[valueMember] = RenderContent(type, content, ctx);
        CopyMembers(instance, output, options, skip: valueMember);
        if (options.Format == RepresentationFormat.Concise && output.Count == 1)
        {
            if (type == AttributeTypes.Property && content is not JsonObject) return output[Members.Value]!.DeepClone();
            if (type == AttributeTypes.GeoProperty) return output[Members.Value]!.DeepClone();
        }
        return output;
    }

    private static void CopyMembers(JsonObject instance, JsonObject output, RenderOptions options, string skip)
    {
        var ctx = options.Context;
        foreach (var (key, value) in instance)
        {
            if (key == skip || key == Members.Type) continue;
            switch (key)
            {
                case Members.CreatedAt or Members.ModifiedAt:
                    if (options.SysAttrs) output[key] = value?.DeepClone();
                    break;
                case Members.DeletedAt:
                    if (options.SysAttrs || options.DeletedAt) output[key] = value?.DeepClone();
                    break;
                case Members.ObjectType:
                    output[key] = value is JsonArray a ? new JsonArray(a.Select(x => (JsonNode?)ctx.Compact(x!.GetValue<string>())).ToArray()) : ctx.Compact(value!.GetValue<string>());
                    break;
                case Members.DatasetId or Members.ObservedAt or Members.UnitCode or Members.Lang or Members.InstanceId:
                    output[key] = value?.DeepClone();
                    break;
                default:
                    if (Members.AttributeReserved.Contains(key)) { output[key] = value?.DeepClone(); break; }
                    output[ctx.Compact(key)] = value switch
                    {
                        JsonArray subs => new JsonArray(subs.Select(s => RenderInstance((JsonObject)s!, options with { Lang = null })).ToArray()),
                        JsonObject sub => RenderInstance(sub, options with { Lang = null }),
                        _ => value?.DeepClone(),
                    };
                    break;
            }
        }
    }

    private static JsonNode? RenderContent(string type, JsonNode? content, JsonLdContext ctx) => type switch
    {
        AttributeTypes.VocabProperty => content is JsonArray a
            ? new JsonArray(a.Select(x => (JsonNode?)ctx.Compact(x!.GetValue<string>())).ToArray())
            : content is JsonValue v && v.GetValueKind() == JsonValueKind.String ? ctx.Compact(v.GetValue<string>()) : content?.DeepClone(),
        _ => content?.DeepClone(),
    };

    private static JsonNode? KeyValue(string type, JsonNode? content, JsonLdContext ctx) => type switch
    {
        AttributeTypes.ListRelationship when content is JsonArray list => new JsonArray(list.Select(o => o is JsonObject oo ? oo[Members.Object]?.DeepClone() : o?.DeepClone()).ToArray()),
        AttributeTypes.JsonProperty => content?.DeepClone(),
        AttributeTypes.LanguageProperty => new JsonObject { [Members.LanguageMap] = content?.DeepClone() },
        AttributeTypes.VocabProperty => RenderContent(type, content, ctx),
        _ => content?.DeepClone(),
    };

    /// <summary>Chooses the language entry for <c>lang</c> (a comma list with optional q weights, or <c>*</c>); falls back to <c>@none</c>, then the first.</summary>
    public static (string? Tag, JsonNode? Value) PickLanguage(JsonObject map, string lang)
    {
        var wanted = lang.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(';')[0].Trim()).ToArray();
        foreach (var tag in wanted)
        {
            if (tag == "*") break;
            foreach (var (k, v) in map)
                if (string.Equals(k, tag, StringComparison.OrdinalIgnoreCase) || k.StartsWith(tag + "-", StringComparison.OrdinalIgnoreCase))
                    return (k, v?.DeepClone());
        }
        if (map["@none"] is { } none) return ("@none", none.DeepClone());
        var first = map.First();
        return (first.Key, first.Value?.DeepClone());
    }

    /// <summary>Renders an entity as a GeoJSON Feature (clause 4.5.16).</summary>
    public static JsonObject RenderFeature(JsonObject stored, RenderOptions options)
    {
        var body = Render(stored, options with { BodyContext = null });
        var feature = new JsonObject { [Members.Id] = body[Members.Id]?.DeepClone(), [Members.Type] = "Feature" };
        JsonNode? geometry = null;
        if (stored[options.GeometryProperty] is JsonArray geo && geo.FirstOrDefault() is JsonObject g && g[Members.Type]?.GetValue<string>() == AttributeTypes.GeoProperty)
            geometry = g[Members.Value]?.DeepClone();
        feature["geometry"] = geometry;
        var properties = new JsonObject();
        foreach (var (k, v) in body)
            if (k != Members.Id) properties[k] = v?.DeepClone();
        feature["properties"] = properties;
        if (options.BodyContext is not null) feature[Members.Context] = options.BodyContext.DeepClone();
        return feature;
    }
}
