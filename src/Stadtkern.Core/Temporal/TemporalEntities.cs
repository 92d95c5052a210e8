using System.Text.Json.Nodes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Temporal;

/// <summary>Views of a temporal representation in the stored entity form, so that the entity filters and renderer apply to it.</summary>
public static class TemporalEntities
{
    /// <summary>The series that records an entity's scope over time (its expanded name, so that it compacts to <c>scope</c>).</summary>
    public const string ScopeSeries = Broker.ScopeHistory.Series;

    /// <summary>The entity with every instance in the window as one attribute instance (instanceId included).</summary>
    public static JsonObject AsEntity(TemporalEntity temporal)
    {
        var entity = new JsonObject
        {
            [Members.Id] = temporal.Id,
            [Members.Type] = temporal.Types.DeepClone(),
        };
        if (temporal.Scope is not null) entity[Members.Scope] = temporal.Scope.DeepClone();
        foreach (var series in temporal.Series)
        {
            if (entity[series.Attribute] is not JsonArray instances) entity[series.Attribute] = instances = [];
            foreach (var instance in series.Instances)
            {
                var copy = instance.Instance is { } stored
                    ? (JsonObject)stored.DeepClone()
                    : new JsonObject { [Members.Type] = AttributeTypes.Property, [Members.Value] = instance.Number };
                copy[Members.InstanceId] = instance.InstanceId;
                instances.Add(copy);
            }
        }
        return entity;
    }
}
