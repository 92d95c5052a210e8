using System.Text.Json.Nodes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Broker;

/// <summary>
/// Wraps a write transaction so that every insert, replace and delete is shown to the change observers. Observers get
/// this wrapper, so what one of them writes (an alarm entity) is shown to the others (the subscriptions) in turn.
/// </summary>
internal sealed class ObservedTransaction(IEntityTransaction inner, string tenant, IReadOnlyList<IEntityChangeObserver> observers, TimeProvider time)
    : IEntityTransaction, Subscriptions.IOutboxTransaction
{
    public void EnqueueNotification(Subscriptions.OutboxMessage message) =>
        (inner as Subscriptions.IOutboxTransaction ?? throw new InvalidOperationException("The entity store does not support a notification outbox."))
            .EnqueueNotification(message);

    public bool Changed { get; private set; }

    public JsonObject? Get(string id) => inner.Get(id);

    public IReadOnlyList<string> FindByText(IReadOnlyList<(string Attribute, string Text)> values, int limit) => inner.FindByText(values, limit);

    public void Insert(JsonObject entity)
    {
        inner.Insert(entity);
        Publish(entity[Members.Id]!.GetValue<string>(), EntityChangeKind.Created, null, entity);
    }

    public void Replace(JsonObject entity)
    {
        var id = entity[Members.Id]!.GetValue<string>();
        var previous = inner.Get(id);
        inner.Replace(entity);
        Publish(id, EntityChangeKind.Updated, previous, entity);
    }

    public bool Delete(string id)
    {
        var previous = inner.Get(id);
        if (!inner.Delete(id)) return false;
        Publish(id, EntityChangeKind.Deleted, previous, null);
        return true;
    }

    public void AppendHistory(string entityId, string attribute, JsonObject instance, DateTimeOffset recordedAt) =>
        inner.AppendHistory(entityId, attribute, instance, recordedAt);

    public void TrackTemporal(string entityId, JsonArray types, JsonNode? scope, DateTimeOffset at) => inner.TrackTemporal(entityId, types, scope, at);

    public void PutInstance(string entityId, string attribute, JsonObject instance, DateTimeOffset recordedAt) =>
        inner.PutInstance(entityId, attribute, instance, recordedAt);

    public JsonArray? TemporalTypes(string entityId) => inner.TemporalTypes(entityId);

    public bool DeleteTemporal(string entityId) => inner.DeleteTemporal(entityId);

    public int DeleteTemporalAttribute(string entityId, string attribute, string? datasetId, bool allDatasets) =>
        inner.DeleteTemporalAttribute(entityId, attribute, datasetId, allDatasets);

    public bool ReplaceInstance(string entityId, string attribute, string instanceId, JsonObject instance, DateTimeOffset at) =>
        inner.ReplaceInstance(entityId, attribute, instanceId, instance, at);

    public bool DeleteInstance(string entityId, string attribute, string instanceId) => inner.DeleteInstance(entityId, attribute, instanceId);

    private void Publish(string id, EntityChangeKind kind, JsonObject? previous, JsonObject? current)
    {
        Changed = true;
        var change = new EntityChange(tenant, id, kind, previous, current is null ? null : (JsonObject)current.DeepClone(), time.GetUtcNow());
        foreach (var observer in observers) observer.OnChange(this, change);
    }
}
