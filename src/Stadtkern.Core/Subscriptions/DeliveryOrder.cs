using System.Text.Json;

namespace Stadtkern.Subscriptions;

/// <summary>
/// The order notifications must keep: each entity's changes in the order they were made, nothing more. A page of one
/// subscription's outbox is split into groups so that any two notifications about a common entity fall in the same
/// group, in outbox order; the groups may then be sent side by side. A notification whose entities cannot be read
/// keeps the whole page in one group.
/// </summary>
public static class DeliveryOrder
{
    public static IReadOnlyList<IReadOnlyList<OutboxEntry>> Groups(IReadOnlyList<OutboxEntry> page)
    {
        if (page.Count <= 1) return page.Count == 0 ? [] : [page];
        var parent = new int[page.Count];
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < page.Count; i++)
        {
            parent[i] = i;
            var ids = EntityIds(page[i].Message.Body);
            if (ids.Count == 0) return [page];
            foreach (var id in ids)
            {
                if (owner.TryGetValue(id, out var other)) Join(parent, i, other);
                else owner[id] = i;
            }
        }
        var groups = new Dictionary<int, List<OutboxEntry>>();
        for (var i = 0; i < page.Count; i++)
        {
            var root = Root(parent, i);
            if (!groups.TryGetValue(root, out var group)) groups[root] = group = [];
            group.Add(page[i]);
        }
        return [.. groups.Values];
    }

    private static int Root(int[] parent, int i)
    {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    private static void Join(int[] parent, int a, int b)
    {
        var (ra, rb) = (Root(parent, a), Root(parent, b));
        if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }

    /// <summary>The ids of the entities a notification body carries (<c>data[*].id</c>, also inside an MQTT <c>body</c> wrapper); empty when unreadable.</summary>
    public static IReadOnlyList<string> EntityIds(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("body", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object) root = wrapped;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) return [];
            var ids = new List<string>(data.GetArrayLength());
            foreach (var entity in data.EnumerateArray())
            {
                if (entity.ValueKind != JsonValueKind.Object || !entity.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String) return [];
                ids.Add(id.GetString()!);
            }
            return ids;
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
