using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Temporal;

/// <summary>
/// The temporal API (clauses 5.6.11–5.6.16, 5.7.3–5.7.4): temporal representations are written through the same durable
/// write path as entities and read with the same entity selectors, plus a time window.
/// </summary>
public sealed partial class TemporalService(ITemporalStore temporal, EntityService entities, StadtkernOptions options, TimeProvider time)
{
    /// <summary>
    /// Creates the temporal representation of an entity, or adds the instances to an existing one; true when it was created.
    /// The entity's current state follows its history: a new entity is created with the latest instance of each attribute,
    /// and an instance observed later than the current one becomes current.
    /// </summary>
    public async Task<bool> CreateOrAddAsync(string tenant, JsonObject body, JsonLdContext context, CancellationToken cancellation)
    {
        var id = EntityReader.ReadId(body);
        if (body[Members.Type] is null) throw NgsiLdException.BadData("The entity has no type.");
        var types = EntityReader.ReadTypes(body[Members.Type]!, context);
        var hasScope = body.TryGetPropertyValue(Members.Scope, out var s);
        var scope = hasScope ? EntityReader.ReadScope(s) : null;
        var attributes = ReadInstances(body, context);
        return await entities.WriteAsync(tenant, tx =>
        {
            var known = tx.TemporalTypes(id);
            var current = tx.Get(id);
            // Types only grow: a later body with fewer types does not take one away.
            foreach (var type in (known ?? []).Concat(current?[Members.Type] as JsonArray ?? []).Select(t => t!.GetValue<string>()).ToList())
                if (!types.Any(t => t!.GetValue<string>() == type)) types.Add(type);
            tx.TrackTemporal(id, types, scope, time.GetUtcNow());
            var now = Validation.Format(time.GetUtcNow());
            var entity = current ?? new JsonObject { [Members.Id] = id, [Members.CreatedAt] = now };
            entity[Members.Type] = types.DeepClone();
            if (hasScope)
            {
                ScopeHistory.Record(tx, id, current?[Members.Scope], scope, time.GetUtcNow());
                if (scope is null) entity.Remove(Members.Scope);
                else entity[Members.Scope] = scope.DeepClone();
            }
            Append(tx, id, attributes);
            foreach (var (name, instances) in attributes) Advance(entity, name, instances, now);
            entity[Members.ModifiedAt] = now;
            if (current is null) tx.Insert(entity);
            else tx.Replace(entity);
            return known is null && current is null;
        }, cancellation);
    }

    /// <summary>Makes the latest incoming instance of each datasetId current when it is not older than the current one.</summary>
    private static void Advance(JsonObject entity, string name, List<JsonObject> instances, string now)
    {
        foreach (var group in instances.Where(i => !AttributeMerge.IsNull(i)).GroupBy(i => AttributeMerge.DatasetId(i) ?? ""))
        {
            var latest = group.OrderBy(Observed).Last();
            var existing = entity[name] as JsonArray ?? [];
            var current = AttributeMerge.Find(existing, AttributeMerge.DatasetId(latest));
            if (current is not null && Observed(current) > Observed(latest)) continue;
            AttributeMerge.Upsert(existing, latest, now);
            entity[name] = existing;
        }
    }

    private static DateTimeOffset Observed(JsonObject instance) =>
        instance[Members.ObservedAt] is JsonValue v && Validation.TryParseDateTime(v.GetValue<string>(), out var at) ? at : DateTimeOffset.MinValue;

    /// <summary>Adds instances to an existing temporal representation (POST /temporal/entities/{id}/attrs).</summary>
    public async Task AddAttributesAsync(string tenant, string id, JsonObject body, JsonLdContext context, CancellationToken cancellation)
    {
        EntityService.RequireUri(id);
        var attributes = ReadInstances(body, context);
        await entities.WriteAsync(tenant, tx =>
        {
            if (tx.TemporalTypes(id) is null) throw NotFound(id);
            Append(tx, id, attributes);
            return true;
        }, cancellation);
    }

    /// <summary>Deletes the temporal representation and with it the entity's current state.</summary>
    public async Task DeleteAsync(string tenant, string id, CancellationToken cancellation)
    {
        EntityService.RequireUri(id);
        var deleted = await entities.WriteAsync(tenant, tx =>
        {
            var hadHistory = tx.DeleteTemporal(id);
            var hadEntity = tx.Delete(id);
            // The entity's deletion leaves no history behind: the whole representation was asked to go.
            if (hadEntity) tx.DeleteTemporal(id);
            return hadHistory || hadEntity;
        }, cancellation);
        if (!deleted) throw NotFound(id);
    }

    /// <summary>Deletes an attribute's instances: the default instances, those of one datasetId, or all (deleteAll).</summary>
    public async Task DeleteAttributeAsync(string tenant, string id, string attribute, string? datasetId, bool deleteAll, JsonLdContext context, CancellationToken cancellation)
    {
        EntityService.RequireUri(id);
        if (datasetId is not null && !Validation.IsUri(datasetId)) throw NgsiLdException.BadData($"datasetId '{datasetId}' is not a URI.");
        var name = EntityReader.ExpandName(attribute, context);
        await entities.WriteAsync(tenant, tx =>
        {
            if (tx.TemporalTypes(id) is null) throw NotFound(id);
            if (tx.DeleteTemporalAttribute(id, name, datasetId, deleteAll) == 0)
                throw NgsiLdException.NotFound($"Entity {id} has no attribute '{attribute}'{(datasetId is null ? "" : $" with datasetId {datasetId}")}.");
            return true;
        }, cancellation);
    }

    /// <summary>
    /// Modifies one instance (PATCH /temporal/entities/{id}/attrs/{attr}/{instanceId}): the members sent replace those stored;
    /// the body is the instance itself or a fragment holding it under the attribute's name.
    /// </summary>
    public async Task ModifyInstanceAsync(string tenant, string id, string attribute, string instanceId, JsonObject body, JsonLdContext context, CancellationToken cancellation)
    {
        EntityService.RequireUri(id);
        if (!Validation.IsUri(instanceId)) throw NgsiLdException.BadData($"instanceId '{instanceId}' is not a URI.");
        var name = EntityReader.ExpandName(attribute, context);
        var current = await InstanceAsync(tenant, id, name, instanceId, cancellation)
            ?? throw NgsiLdException.NotFound($"Entity {id} has no instance {instanceId} of '{attribute}'.");
        var fragment = body.ContainsKey(attribute) || body.ContainsKey(name)
            ? EntityReader.ReadAttributes(body, context, allowNull: false)
            : new Dictionary<string, JsonArray> { [name] = [EntityReader.ReadInstance(attribute, body, context, allowNull: false, depth: 0)] };
        if (fragment.Count != 1 || !fragment.TryGetValue(name, out var given) || given.Count != 1)
            throw NgsiLdException.BadData($"The body must hold exactly one instance of '{attribute}'.");
        var merged = (JsonObject)current.DeepClone();
        foreach (var (key, value) in (JsonObject)given[0]!) merged[key] = value?.DeepClone();
        merged[Members.ModifiedAt] = Validation.Format(time.GetUtcNow());
        await entities.WriteAsync(tenant, tx =>
        {
            if (!tx.ReplaceInstance(id, name, instanceId, merged, time.GetUtcNow()))
                throw NgsiLdException.NotFound($"Entity {id} has no instance {instanceId} of '{attribute}'.");
            return true;
        }, cancellation);
    }

    public async Task DeleteInstanceAsync(string tenant, string id, string attribute, string instanceId, JsonLdContext context, CancellationToken cancellation)
    {
        EntityService.RequireUri(id);
        if (!Validation.IsUri(instanceId)) throw NgsiLdException.BadData($"instanceId '{instanceId}' is not a URI.");
        var name = EntityReader.ExpandName(attribute, context);
        await entities.WriteAsync(tenant, tx =>
        {
            if (tx.TemporalTypes(id) is null) throw NotFound(id);
            if (!tx.DeleteInstance(id, name, instanceId))
                throw NgsiLdException.NotFound($"Entity {id} has no instance {instanceId} of '{attribute}'.");
            return true;
        }, cancellation);
    }

    private async Task<JsonObject?> InstanceAsync(string tenant, string id, string attribute, string instanceId, CancellationToken cancellation)
    {
        var page = await temporal.QueryTemporalAsync(new TemporalQuery(tenant) { Ids = [id], Attributes = [attribute], Limit = 1 }, cancellation);
        return page.Entities.SelectMany(e => e.Series).SelectMany(s => s.Instances).FirstOrDefault(i => i.InstanceId == instanceId)?.Instance;
    }

    private void Append(IEntityTransaction tx, string id, Dictionary<string, List<JsonObject>> attributes)
    {
        var now = time.GetUtcNow();
        var stamp = Validation.Format(now);
        foreach (var (name, instances) in attributes)
        {
            foreach (var instance in instances)
            {
                instance[Members.CreatedAt] = stamp;
                instance[Members.ModifiedAt] = stamp;
                tx.PutInstance(id, name, instance, now);
            }
        }
    }

    /// <summary>Reads a temporal body's attributes: each a list of instances, several per datasetId allowed.</summary>
    private static Dictionary<string, List<JsonObject>> ReadInstances(JsonObject body, JsonLdContext context)
    {
        var result = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var (name, value) in body)
        {
            if (Members.EntityReserved.Contains(name)) continue;
            var expanded = EntityReader.ExpandName(name, context);
            IEnumerable<JsonNode?> items = value is JsonArray array ? array : new[] { value };
            // A recorded NGSI-LD null is history too (the attribute was deleted then), so it needs the instant it happened.
            var list = items.Select(item => EntityReader.ReadInstance(name, item, context, allowNull: true, depth: 0)).ToList();
            if (list.Any(i => AttributeMerge.IsNull(i) && !i.ContainsKey(Members.ObservedAt)))
                throw NgsiLdException.BadData($"The attribute '{name}' is the NGSI-LD null without observedAt: a temporal instance needs its instant.");
            if (list.Count == 0) throw NgsiLdException.BadData($"The attribute '{name}' has no instances.");
            result[expanded] = list;
        }
        return result;
    }

    private static NgsiLdException NotFound(string id) => NgsiLdException.NotFound($"Entity {id} has no temporal representation.");
}
