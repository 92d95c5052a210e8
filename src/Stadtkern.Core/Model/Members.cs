using System.Collections.Frozen;

namespace Stadtkern.Model;

/// <summary>The reserved member names of NGSI-LD entities and attributes (never expanded or compacted).</summary>
public static class Members
{
    public const string Id = "id";
    public const string Type = "type";
    public const string Scope = "scope";
    public const string Context = "@context";
    public const string CreatedAt = "createdAt";
    public const string ModifiedAt = "modifiedAt";
    public const string DeletedAt = "deletedAt";
    public const string Value = "value";
    public const string Object = "object";
    public const string ObjectType = "objectType";
    public const string LanguageMap = "languageMap";
    public const string Vocab = "vocab";
    public const string Json = "json";
    public const string ValueList = "valueList";
    public const string ObjectList = "objectList";
    public const string DatasetId = "datasetId";
    public const string ObservedAt = "observedAt";
    public const string UnitCode = "unitCode";
    public const string InstanceId = "instanceId";
    public const string Lang = "lang";

    /// <summary>Members of an attribute that are not sub-attributes.</summary>
    public static readonly FrozenSet<string> AttributeReserved = FrozenSet.Create(StringComparer.Ordinal,
        Type, Value, Object, ObjectType, LanguageMap, Vocab, Json, ValueList, ObjectList, DatasetId, ObservedAt, UnitCode,
        CreatedAt, ModifiedAt, DeletedAt, InstanceId, Context, Lang, "previousValue", "previousObject", "previousLanguageMap",
        "previousVocab", "previousJson", "previousValueList", "previousObjectList", "entity");

    /// <summary>Members of an entity that are not attributes.</summary>
    public static readonly FrozenSet<string> EntityReserved = FrozenSet.Create(StringComparer.Ordinal,
        Id, Type, Scope, Context, CreatedAt, ModifiedAt, DeletedAt);
}

/// <summary>The NGSI-LD attribute types.</summary>
public static class AttributeTypes
{
    public const string Property = "Property";
    public const string Relationship = "Relationship";
    public const string GeoProperty = "GeoProperty";
    public const string LanguageProperty = "LanguageProperty";
    public const string VocabProperty = "VocabProperty";
    public const string JsonProperty = "JsonProperty";
    public const string ListProperty = "ListProperty";
    public const string ListRelationship = "ListRelationship";

    public static readonly FrozenSet<string> All = FrozenSet.Create(StringComparer.Ordinal,
        Property, Relationship, GeoProperty, LanguageProperty, VocabProperty, JsonProperty, ListProperty, ListRelationship);

    /// <summary>The member that carries the attribute's value for each type.</summary>
    public static string ValueMember(string type) => type switch
    {
        Relationship => Members.Object,
        LanguageProperty => Members.LanguageMap,
        VocabProperty => Members.Vocab,
        JsonProperty => Members.Json,
        ListProperty => Members.ValueList,
        ListRelationship => Members.ObjectList,
        _ => Members.Value,
    };

    /// <summary>GeoJSON geometry types accepted as GeoProperty values.</summary>
    public static readonly FrozenSet<string> GeometryTypes = FrozenSet.Create(StringComparer.Ordinal,
        "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection");
}
