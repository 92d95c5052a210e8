using System.Text.Json.Nodes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Broker;

/// <summary>Records an entity's scope in its history, as a series of its own: a Property holding the scopes, observed when they changed.</summary>
internal static class ScopeHistory
{
    public const string Series = JsonLd.CoreTerms.NgsiLd + "scope";

    public static void Record(IEntityTransaction tx, string id, JsonNode? before, JsonNode? after, DateTimeOffset at)
    {
        if (JsonNode.DeepEquals(before, after)) return;
        var now = Validation.Format(at);
        var instance = new JsonObject
        {
            [Members.Type] = AttributeTypes.Property,
            [Members.Value] = after is null ? new JsonArray() : after is JsonArray list ? list.DeepClone() : new JsonArray(after.DeepClone()),
            [Members.ObservedAt] = now,
            [Members.CreatedAt] = now,
            [Members.ModifiedAt] = now,
        };
        if (after is null)
        {
            instance.Remove(Members.ObservedAt);
            instance[Members.DeletedAt] = now;
        }
        tx.AppendHistory(id, Series, instance, at);
    }
}
