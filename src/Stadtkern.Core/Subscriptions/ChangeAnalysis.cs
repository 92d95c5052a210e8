using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Model;

namespace Stadtkern.Subscriptions;

/// <summary>One attribute instance created, updated or deleted by a change, with its stored form before and after.</summary>
public sealed record AttributeEvent(string Trigger, string Attribute, JsonObject? Previous, JsonObject? Current);

/// <summary>
/// What an entity change did to each attribute instance (matched by attribute name and datasetId). Creating an entity
/// creates all its attributes and deleting it deletes them, so attribute triggers apply to those too.
/// </summary>
public sealed class ChangeAnalysis
{
    public ChangeAnalysis(EntityChange change)
    {
        Change = change;
        Events = change.Kind switch
        {
            EntityChangeKind.Created => Instances(change.Current!).Select(i => new AttributeEvent(NotificationTriggers.AttributeCreated, i.Name, null, i.Instance)).ToList(),
            EntityChangeKind.Deleted => Instances(change.Previous!).Select(i => new AttributeEvent(NotificationTriggers.AttributeDeleted, i.Name, i.Instance, null)).ToList(),
            _ => Compare(change.Previous ?? new JsonObject(), change.Current!),
        };
    }

    public EntityChange Change { get; }

    public IReadOnlyList<AttributeEvent> Events { get; }

    /// <summary>The entity the change is about: as it is now, or as it was before it was deleted.</summary>
    public JsonObject Entity => Change.Current ?? Change.Previous!;

    public static string DatasetKey(JsonObject instance) => instance[Members.DatasetId]?.GetValue<string>() ?? "@none";

    private static IEnumerable<(string Name, JsonObject Instance)> Instances(JsonObject entity)
    {
        foreach (var (name, value) in entity)
        {
            if (Members.EntityReserved.Contains(name) || value is not JsonArray instances) continue;
            foreach (var instance in instances.OfType<JsonObject>()) yield return (name, instance);
        }
    }

    private static List<AttributeEvent> Compare(JsonObject previous, JsonObject current)
    {
        var before = Instances(previous).ToDictionary(i => (i.Name, DatasetKey(i.Instance)), i => i.Instance);
        var events = new List<AttributeEvent>();
        foreach (var (name, instance) in Instances(current))
        {
            if (!before.Remove((name, DatasetKey(instance)), out var old))
                events.Add(new AttributeEvent(NotificationTriggers.AttributeCreated, name, null, instance));
            else if (!JsonNode.DeepEquals(old, instance))
                events.Add(new AttributeEvent(NotificationTriggers.AttributeUpdated, name, old, instance));
        }
        foreach (var ((name, _), old) in before)
            events.Add(new AttributeEvent(NotificationTriggers.AttributeDeleted, name, old, null));
        return events;
    }
}
