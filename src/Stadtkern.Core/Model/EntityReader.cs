using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;

namespace Stadtkern.Model;

/// <summary>Reads entities and attribute fragments sent by clients (normalized or concise) into the stored form: names expanded, every attribute a list of instances in normalized shape.</summary>
public static class EntityReader
{
    /// <summary>The NGSI-LD null, used in updates to delete an attribute or member.</summary>
    public const string NgsiNull = "urn:ngsi-ld:null";

    /// <summary>Reads a whole entity; <c>id</c> and <c>type</c> are required unless the caller supplies them.</summary>
    public static JsonObject ReadEntity(JsonObject body, JsonLdContext context, string? knownId = null, bool typeRequired = true)
    {
        var entity = new JsonObject();
        var id = knownId ?? ReadId(body);
        if (knownId is not null && body[Members.Id] is { } given && !(given.GetValueKind() == JsonValueKind.String && given.GetValue<string>() == knownId))
            throw NgsiLdException.BadData("The id in the body differs from the id in the path.");
        entity[Members.Id] = id;
        if (body[Members.Type] is { } type) entity[Members.Type] = ReadTypes(type, context);
        else if (typeRequired) throw NgsiLdException.BadData("The entity has no type.");
        if (body.TryGetPropertyValue(Members.Scope, out var scope)) entity[Members.Scope] = ReadScope(scope);
        foreach (var (name, value) in body)
        {
            if (Members.EntityReserved.Contains(name)) continue;
            entity[ExpandName(name, context)] = ReadAttribute(name, value, context, allowNull: false);
        }
        return entity;
    }

    /// <summary>Reads the attributes of a fragment (PATCH/POST on attrs, batch update): attribute IRI → instances (an instance may be the NGSI-LD null when allowed).</summary>
    public static Dictionary<string, JsonArray> ReadAttributes(JsonObject body, JsonLdContext context, bool allowNull)
    {
        var attributes = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        foreach (var (name, value) in body)
        {
            if (Members.EntityReserved.Contains(name)) continue;
            attributes[ExpandName(name, context)] = ReadAttribute(name, value, context, allowNull);
        }
        return attributes;
    }

    public static string ReadId(JsonObject body)
    {
        if (body[Members.Id] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            throw NgsiLdException.BadData("The entity has no id, or its id is not a string.");
        var id = v.GetValue<string>();
        if (!Validation.IsUri(id)) throw NgsiLdException.BadData($"The entity id '{id}' is not a URI.");
        return id;
    }

    public static JsonArray ReadTypes(JsonNode type, JsonLdContext context)
    {
        var result = new JsonArray();
        IEnumerable<JsonNode?> items = type is JsonArray a ? a : new[] { type };
        foreach (var item in items)
        {
            if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !Validation.IsName(v.GetValue<string>())
                || v.GetValue<string>() is "type" or "id" || v.GetValue<string>().StartsWith('@'))
                throw NgsiLdException.BadData("An entity type must be a valid name or a list of them.");
            var iri = context.Expand(v.GetValue<string>());
            if (!result.Any(t => t!.GetValue<string>() == iri)) result.Add(iri);
        }
        if (result.Count == 0) throw NgsiLdException.BadData("The entity has an empty type list.");
        return result;
    }

    public static JsonNode? ReadScope(JsonNode? scope)
    {
        if (scope is JsonValue sv && sv.GetValueKind() == JsonValueKind.String && sv.GetValue<string>() == NgsiNull) return null;
        var result = new JsonArray();
        IEnumerable<JsonNode?> items = scope is JsonArray a ? a : new[] { scope };
        foreach (var item in items)
        {
            if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !IsScope(v.GetValue<string>()))
                throw NgsiLdException.BadData("A scope must be a path like /Madrid/Gardens or a list of them.");
            result.Add(v.GetValue<string>());
        }
        return result;
    }

    private static bool IsScope(string s) => s.Length > 1 && s[0] == '/' && !s.EndsWith('/') && !s.Contains("//") && Validation.IsName(s.Replace("/", "x"));

    public static string ExpandName(string name, JsonLdContext context)
    {
        if (!Validation.IsName(name) || name.StartsWith('@') || Members.EntityReserved.Contains(name))
            throw NgsiLdException.BadData($"'{name}' is not a valid attribute name.");
        return context.Expand(name);
    }

    /// <summary>Reads an attribute value into a list of instances (more than one for multi-attributes with datasetId).</summary>
    public static JsonArray ReadAttribute(string name, JsonNode? value, JsonLdContext context, bool allowNull)
    {
        var instances = new JsonArray();
        if (value is JsonArray array && array.Count > 0 && array.All(IsInstanceObject))
        {
            foreach (var item in array) instances.Add(ReadInstance(name, item, context, allowNull, depth: 0));
            var datasets = instances.Select(i => i![Members.DatasetId]?.GetValue<string>() ?? "").ToList();
            if (datasets.Distinct().Count() != datasets.Count)
                throw NgsiLdException.BadData($"The attribute '{name}' has two instances with the same datasetId.");
        }
        else
        {
            instances.Add(ReadInstance(name, value, context, allowNull, depth: 0));
        }
        return instances;
    }

    private static bool IsInstanceObject(JsonNode? node) =>
        node is JsonObject o && (o.ContainsKey(Members.Type) && o[Members.Type] is JsonValue t && t.GetValueKind() == JsonValueKind.String
            && AttributeTypes.All.Contains(t.GetValue<string>())
            || o.ContainsKey(Members.Value) || o.ContainsKey(Members.Object) || o.ContainsKey(Members.LanguageMap)
            || o.ContainsKey(Members.Vocab) || o.ContainsKey(Members.Json) || o.ContainsKey(Members.ValueList) || o.ContainsKey(Members.ObjectList));

    private static bool IsNgsiNull(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == NgsiNull;

    /// <summary>Reads one attribute instance; concise forms become normalized.</summary>
    public static JsonObject ReadInstance(string name, JsonNode? node, JsonLdContext context, bool allowNull, int depth)
    {
        if (depth > 8) throw NgsiLdException.BadData($"The attribute '{name}' nests sub-attributes too deeply.");
        if (node is null)
        {
            if (allowNull) return new JsonObject { [Members.Type] = AttributeTypes.Property, [Members.Value] = NgsiNull };
            throw NgsiLdException.BadData($"The attribute '{name}' has a null value.");
        }
        if (IsNgsiNull(node))
        {
            if (allowNull) return new JsonObject { [Members.Type] = AttributeTypes.Property, [Members.Value] = NgsiNull };
            throw NgsiLdException.BadData($"The attribute '{name}' is the NGSI-LD null, which only updates may use.");
        }
        if (node is not JsonObject obj) return new JsonObject { [Members.Type] = AttributeTypes.Property, [Members.Value] = node.DeepClone() };
        var type = DetectType(name, obj);
        if (type is null) return new JsonObject { [Members.Type] = AttributeTypes.Property, [Members.Value] = obj.DeepClone() };
        if (type == "GeoJsonValue")
            return new JsonObject { [Members.Type] = AttributeTypes.GeoProperty, [Members.Value] = Geo.GeoJson.Validate(name, obj) };

        var instance = new JsonObject { [Members.Type] = type };
        var member = AttributeTypes.ValueMember(type);
        // A JSON null is never a value: deleting takes the NGSI-LD null ("urn:ngsi-ld:null").
        if (!obj.TryGetPropertyValue(member, out var content) || content is null)
            throw NgsiLdException.BadData($"The {type} '{name}' has no '{member}', or it is null.");
        var isNull = IsNgsiNull(content) || type == AttributeTypes.LanguageProperty && content is JsonObject nullMap && nullMap.Count == 1 && IsNgsiNull(nullMap["@none"]);
        if (isNull && !allowNull) throw NgsiLdException.BadData($"The attribute '{name}' is the NGSI-LD null, which only updates may use.");
        instance[member] = isNull ? NgsiNull : ReadContent(name, type, content, context);
        foreach (var (key, sub) in obj)
        {
            switch (key)
            {
                case Members.Type or Members.CreatedAt or Members.ModifiedAt or Members.DeletedAt or Members.InstanceId or Members.Context:
                    break;
                case Members.Value or Members.Object or Members.LanguageMap or Members.Vocab or Members.Json or Members.ValueList or Members.ObjectList:
                    if (key != member) throw NgsiLdException.BadData($"The {type} '{name}' must not have a '{key}' member.");
                    break;
                case Members.DatasetId:
                    if (sub is not JsonValue ds || ds.GetValueKind() != JsonValueKind.String || !Validation.IsUri(ds.GetValue<string>()))
                        throw NgsiLdException.BadData($"The datasetId of '{name}' must be a URI.");
                    instance[key] = ds.GetValue<string>();
                    break;
                case Members.ObservedAt:
                    if (sub is not JsonValue oa || oa.GetValueKind() != JsonValueKind.String || !Validation.TryParseDateTime(oa.GetValue<string>(), out _))
                        throw NgsiLdException.BadData($"The observedAt of '{name}' must be a DateTime.");
                    instance[key] = Validation.NormalizeDateTime(oa.GetValue<string>());
                    break;
                case Members.UnitCode:
                    if (sub is not JsonValue uc || uc.GetValueKind() != JsonValueKind.String)
                        throw NgsiLdException.BadData($"The unitCode of '{name}' must be a string.");
                    instance[key] = uc.GetValue<string>();
                    break;
                case Members.ObjectType:
                    instance[key] = ReadVocab(name, sub, context);
                    break;
                case Members.Lang:
                    if (type != AttributeTypes.Property || sub is not JsonValue lv || lv.GetValueKind() != JsonValueKind.String)
                        throw NgsiLdException.BadData($"The lang of '{name}' must be a string.");
                    instance[key] = lv.GetValue<string>();
                    break;
                default:
                    var subName = ExpandName(key, context);
                    instance[subName] = sub is JsonArray subs && subs.Count > 0 && subs.All(IsInstanceObject)
                        ? new JsonArray(subs.Select(s => (JsonNode)ReadInstance(key, s, context, allowNull, depth + 1)).ToArray())
                        : ReadInstance(key, sub, context, allowNull, depth + 1);
                    break;
            }
        }
        return instance;
    }

    private static string? DetectType(string name, JsonObject obj)
    {
        if (obj[Members.Type] is { } typeNode)
        {
            if (typeNode is not JsonValue tv || tv.GetValueKind() != JsonValueKind.String)
                throw NgsiLdException.BadData($"The type of attribute '{name}' must be a string.");
            var type = tv.GetValue<string>();
            if (AttributeTypes.All.Contains(type)) return type;
            if (AttributeTypes.GeometryTypes.Contains(type) && obj.ContainsKey("coordinates") || type == "GeometryCollection") return "GeoJsonValue";
            throw NgsiLdException.BadData($"'{type}' is not an NGSI-LD attribute type (attribute '{name}').");
        }
        if (obj.ContainsKey(Members.Value)) return AttributeTypes.Property;
        if (obj.ContainsKey(Members.Object)) return AttributeTypes.Relationship;
        if (obj.ContainsKey(Members.LanguageMap)) return AttributeTypes.LanguageProperty;
        if (obj.ContainsKey(Members.Vocab)) return AttributeTypes.VocabProperty;
        if (obj.ContainsKey(Members.Json)) return AttributeTypes.JsonProperty;
        if (obj.ContainsKey(Members.ValueList)) return AttributeTypes.ListProperty;
        if (obj.ContainsKey(Members.ObjectList)) return AttributeTypes.ListRelationship;
        return null;
    }

    private static JsonNode ReadContent(string name, string type, JsonNode content, JsonLdContext context)
    {
        switch (type)
        {
            case AttributeTypes.Relationship:
                if (content is JsonArray targets)
                {
                    if (targets.Count == 0 || !targets.All(t => t is JsonValue v && v.GetValueKind() == JsonValueKind.String && Validation.IsUri(v.GetValue<string>())))
                        throw NgsiLdException.BadData($"The Relationship '{name}' must point at URIs.");
                    return targets.DeepClone();
                }
                if (content is not JsonValue target || target.GetValueKind() != JsonValueKind.String || !Validation.IsUri(target.GetValue<string>()))
                    throw NgsiLdException.BadData($"The Relationship '{name}' must point at a URI.");
                return target.GetValue<string>();
            case AttributeTypes.GeoProperty:
                if (content is not JsonObject geometry)
                    throw NgsiLdException.BadData($"The GeoProperty '{name}' must hold a GeoJSON geometry.");
                return Geo.GeoJson.Validate(name, geometry);
            case AttributeTypes.LanguageProperty:
                if (content is not JsonObject map || map.Count == 0 || !map.All(kv => kv.Value is JsonValue s && s.GetValueKind() == JsonValueKind.String
                        || kv.Value is JsonArray l && l.All(x => x is JsonValue xs && xs.GetValueKind() == JsonValueKind.String)))
                    throw NgsiLdException.BadData($"The LanguageProperty '{name}' must hold a map of language tags to strings.");
                return map.DeepClone();
            case AttributeTypes.VocabProperty:
                return ReadVocab(name, content, context);
            case AttributeTypes.JsonProperty:
                if (content is not (JsonObject or JsonArray))
                    throw NgsiLdException.BadData($"The JsonProperty '{name}' must hold a JSON object or array.");
                return content.DeepClone();
            case AttributeTypes.ListProperty:
                if (content is not JsonArray list) throw NgsiLdException.BadData($"The ListProperty '{name}' must hold a list.");
                return list.DeepClone();
            case AttributeTypes.ListRelationship:
                if (content is not JsonArray objects) throw NgsiLdException.BadData($"The ListRelationship '{name}' must hold a list.");
                var result = new JsonArray();
                foreach (var o in objects)
                {
                    var uri = o is JsonObject oo ? oo[Members.Object] : o;
                    if (uri is not JsonValue u || u.GetValueKind() != JsonValueKind.String || !Validation.IsUri(u.GetValue<string>()))
                        throw NgsiLdException.BadData($"The ListRelationship '{name}' must hold URIs.");
                    result.Add(new JsonObject { [Members.Object] = u.GetValue<string>() });
                }
                return result;
            default:
                if (content is JsonObject valueObject && valueObject.ContainsKey("@value")) return valueObject.DeepClone();
                return content.DeepClone();
        }
    }

    private static JsonNode ReadVocab(string name, JsonNode? content, JsonLdContext context)
    {
        if (content is JsonValue v && v.GetValueKind() == JsonValueKind.String && Validation.IsName(v.GetValue<string>()))
            return context.Expand(v.GetValue<string>());
        if (content is JsonArray a && a.Count > 0 && a.All(x => x is JsonValue xv && xv.GetValueKind() == JsonValueKind.String))
            return new JsonArray(a.Select(x => (JsonNode)context.Expand(x!.GetValue<string>())).ToArray());
        throw NgsiLdException.BadData($"The vocabulary value of '{name}' must be a term or a list of terms.");
    }
}
