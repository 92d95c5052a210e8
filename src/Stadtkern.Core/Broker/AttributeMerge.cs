using System.Text.Json.Nodes;
using Stadtkern.Model;

namespace Stadtkern.Broker;

/// <summary>The rules for combining stored attribute instances with incoming ones: by datasetId, keeping createdAt, stamping modifiedAt.</summary>
internal static class AttributeMerge
{
    public static string? DatasetId(JsonObject instance) => instance[Members.DatasetId]?.GetValue<string>();

    public static bool IsNull(JsonObject instance) =>
        instance[AttributeTypes.ValueMember(instance[Members.Type]!.GetValue<string>())] is JsonValue v
        && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() == EntityReader.NgsiNull;

    public static JsonObject? Find(JsonArray instances, string? datasetId) =>
        instances.OfType<JsonObject>().FirstOrDefault(i => DatasetId(i) == datasetId);

    /// <summary>The history record of a deleted instance (clause 4.5.7): the NGSI-LD null as its value, and when it was deleted.</summary>
    public static JsonObject Deletion(JsonObject deleted, string now)
    {
        var type = deleted[Members.Type]?.GetValue<string>() ?? AttributeTypes.Property;
        var record = new JsonObject { [Members.Type] = type };
        record[AttributeTypes.ValueMember(type)] = type switch
        {
            AttributeTypes.LanguageProperty => new JsonObject { ["@none"] = EntityReader.NgsiNull },
            AttributeTypes.ListProperty or AttributeTypes.ListRelationship => new JsonArray(EntityReader.NgsiNull),
            _ => EntityReader.NgsiNull,
        };
        if (deleted[Members.DatasetId] is { } datasetId) record[Members.DatasetId] = datasetId.DeepClone();
        record[Members.CreatedAt] = deleted[Members.CreatedAt]?.DeepClone() ?? now;
        record[Members.ModifiedAt] = now;
        record[Members.DeletedAt] = now;
        return record;
    }

    /// <summary>Stamps system dates on a new or replacing instance (and its sub-attributes).</summary>
    public static void Stamp(JsonObject instance, string now, JsonObject? previous)
    {
        instance[Members.CreatedAt] = previous?[Members.CreatedAt]?.DeepClone() ?? now;
        instance[Members.ModifiedAt] = now;
        foreach (var (key, sub) in instance.ToArray())
        {
            if (Members.AttributeReserved.Contains(key)) continue;
            var previousSub = previous?[key] as JsonObject;
            if (sub is JsonObject subInstance) Stamp(subInstance, now, previousSub);
            else if (sub is JsonArray subs) foreach (var s in subs.OfType<JsonObject>()) Stamp(s, now, null);
        }
    }

    /// <summary>Puts <paramref name="incoming"/> in place of the instance with the same datasetId, or adds it.</summary>
    public static JsonObject Upsert(JsonArray instances, JsonObject incoming, string now)
    {
        var previous = Find(instances, DatasetId(incoming));
        var copy = (JsonObject)incoming.DeepClone();
        Stamp(copy, now, previous);
        if (previous is not null) instances[instances.IndexOf(previous)] = copy;
        else instances.Add(copy);
        return copy;
    }

    /// <summary>Merge-patch of one instance: members replaced, sub-attributes merged, NGSI-LD nulls delete (clause 5.6.17).</summary>
    public static JsonObject MergeInstance(JsonObject target, JsonObject patch, string now)
    {
        var merged = (JsonObject)target.DeepClone();
        var patchType = patch[Members.Type]!.GetValue<string>();
        var targetType = target[Members.Type]!.GetValue<string>();
        if (patchType != targetType)
        {
            merged.Remove(AttributeTypes.ValueMember(targetType));
            merged[Members.Type] = patchType;
        }
        foreach (var (key, value) in patch)
        {
            if (key is Members.CreatedAt or Members.ModifiedAt or Members.Type) continue;
            if (value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() == EntityReader.NgsiNull)
            {
                merged.Remove(key);
                continue;
            }
            if (value is JsonObject sub && !Members.AttributeReserved.Contains(key))
            {
                if (IsNull(sub)) { merged.Remove(key); continue; }
                merged[key] = merged[key] is JsonObject existing ? MergeInstance(existing, sub, now) : Stamped(sub, now);
                continue;
            }
            merged[key] = value?.DeepClone();
        }
        merged[Members.ModifiedAt] = now;
        return merged;
    }

    private static JsonObject Stamped(JsonObject instance, string now)
    {
        var copy = (JsonObject)instance.DeepClone();
        Stamp(copy, now, null);
        return copy;
    }
}
