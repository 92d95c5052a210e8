using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;

namespace Stadtkern.Query;

/// <summary>An <c>orderBy</c> sort order (NGSI-LD v1.9): keys compared in turn; numbers numerically, everything else as text; missing values last.</summary>
public sealed class EntityOrder : IComparer<JsonObject>
{
    private readonly (string[] Path, bool Descending)[] _keys;

    private EntityOrder((string[], bool)[] keys) => _keys = keys;

    public static EntityOrder Parse(string text, JsonLdContext context)
    {
        var keys = new List<(string[], bool)>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 2 || parts[0].Length == 0) throw NgsiLdException.BadData($"Invalid orderBy item '{item}'.");
            var descending = parts.Length == 2 && parts[1] switch
            {
                "asc" => false,
                "desc" => true,
                _ => throw NgsiLdException.BadData($"orderBy direction must be asc or desc, not '{parts[1]}'."),
            };
            var path = parts[0].Split('.').Select((segment, i) =>
                segment is Members.Id or Members.Type or Members.CreatedAt or Members.ModifiedAt or Members.ObservedAt && (i > 0 || segment is Members.Id or Members.Type or Members.CreatedAt or Members.ModifiedAt)
                    ? segment : EntityReader.ExpandName(segment, context)).ToArray();
            keys.Add((path, descending));
        }
        return new EntityOrder(keys.ToArray());
    }

    public int Compare(JsonObject? x, JsonObject? y)
    {
        foreach (var (path, descending) in _keys)
        {
            var c = CompareValues(Value(x!, path), Value(y!, path));
            if (c != 0) return descending ? -c : c;
        }
        return 0;
    }

    private static JsonNode? Value(JsonObject entity, string[] path)
    {
        JsonNode? current = entity[path[0]];
        if (path[0] == Members.Type && current is JsonArray types) return types.FirstOrDefault();
        if (current is JsonArray instances) current = instances.FirstOrDefault();
        for (var i = 1; i < path.Length && current is JsonObject o; i++)
        {
            var next = o[path[i]];
            current = next is JsonArray a && !Members.AttributeReserved.Contains(path[i]) ? a.FirstOrDefault() : next;
        }
        if (current is JsonObject attribute && attribute[Members.Type] is JsonValue t)
            current = attribute[AttributeTypes.ValueMember(t.GetValue<string>())];
        return current;
    }

    private static int CompareValues(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : 1) : -1;
        if (a is JsonValue av && b is JsonValue bv && av.GetValueKind() == JsonValueKind.Number && bv.GetValueKind() == JsonValueKind.Number)
            return av.GetValue<double>().CompareTo(bv.GetValue<double>());
        var left = a is JsonValue ls && ls.GetValueKind() == JsonValueKind.String ? ls.GetValue<string>() : a.ToJsonString();
        var right = b is JsonValue rs && rs.GetValueKind() == JsonValueKind.String ? rs.GetValue<string>() : b.ToJsonString();
        return string.CompareOrdinal(left, right);
    }
}
