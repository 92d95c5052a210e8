using System.Text.Json.Nodes;
using Stadtkern.Model;

namespace Stadtkern.Store;

/// <summary>What a replacement changed in an entity's stored form, for stores that keep indexes per attribute.</summary>
public static class EntityChanges
{
    /// <summary>The attributes that were added, removed or given other instances.</summary>
    public static HashSet<string> ChangedAttributes(JsonObject old, JsonObject current)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in current)
            if (!Members.EntityReserved.Contains(name) && !JsonNode.DeepEquals(value, old[name])) changed.Add(name);
        foreach (var (name, _) in old)
            if (!Members.EntityReserved.Contains(name) && !current.ContainsKey(name)) changed.Add(name);
        return changed;
    }
}
