using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Broker;

/// <summary>
/// The one write and read path for entities: HTTP, batch, MQTT and file import all call this service. It validates,
/// stores state and history in one durable transaction, and answers queries.
/// </summary>
public sealed partial class EntityService(IEntityStore store, StadtkernOptions options, TimeProvider time, IEnumerable<IEntityChangeObserver> observers)
{
    private readonly IEntityChangeObserver[] _observers = observers.ToArray();

    private string Now() => Validation.Format(time.GetUtcNow());

    /// <summary>Every write goes through here: observers that watch the tenant see each change inside the transaction, and hear of the commit after it.</summary>
    public async Task<T> WriteAsync<T>(string tenant, Func<IEntityTransaction, T> work, CancellationToken cancellation)
    {
        var watching = _observers.Where(o => o.Observes(tenant)).ToArray();
        if (watching.Length == 0) return await store.WriteAsync(tenant, work, cancellation);
        var changed = false;
        var result = await store.WriteAsync(tenant, tx =>
        {
            var observed = new ObservedTransaction(tx, tenant, watching, time);
            T value;
            try
            {
                value = work(observed);
            }
            catch
            {
                // The store undoes the work's changes; observers undo what they remembered of them.
                foreach (var observer in watching) observer.WorkEnded(observed, applied: false);
                throw;
            }
            foreach (var observer in watching) observer.WorkEnded(observed, applied: true);
            changed = observed.Changed;
            return value;
        }, cancellation);
        if (changed) foreach (var observer in watching) observer.Committed(tenant);
        return result;
    }

    /// <summary>Creates an entity from a client body; AlreadyExists when the id is taken.</summary>
    public async Task<string> CreateAsync(string tenant, JsonObject body, JsonLdContext context, CancellationToken cancellation)
    {
        var entity = EntityReader.ReadEntity(body, context);
        var id = entity[Members.Id]!.GetValue<string>();
        await WriteAsync(tenant, tx => Create(tx, entity), cancellation);
        return id;
    }

    private bool Create(IEntityTransaction tx, JsonObject entity, bool knownNew = false)
    {
        var id = entity[Members.Id]!.GetValue<string>();
        if (!knownNew && tx.Get(id) is not null) throw new NgsiLdException(ErrorType.AlreadyExists, $"Entity {id} already exists.");
        var now = Now();
        var recorded = time.GetUtcNow();
        entity[Members.CreatedAt] = now;
        entity[Members.ModifiedAt] = now;
        foreach (var (name, instances) in Attributes(entity))
        {
            foreach (var instance in instances.OfType<JsonObject>())
            {
                AttributeMerge.Stamp(instance, now, null);
                tx.AppendHistory(id, name, instance, recorded);
            }
        }
        ScopeHistory.Record(tx, id, null, entity[Members.Scope], recorded);
        tx.Insert(entity);
        return true;
    }

    public async Task<JsonObject> GetAsync(string tenant, string id, CancellationToken cancellation)
    {
        RequireUri(id);
        return await store.GetAsync(tenant, id, cancellation) ?? throw NotFound(id);
    }

    public async Task DeleteAsync(string tenant, string id, CancellationToken cancellation)
    {
        RequireUri(id);
        var deleted = await WriteAsync(tenant, tx => tx.Delete(id), cancellation);
        if (!deleted) throw NotFound(id);
    }

    /// <summary>Replaces an entity whole (PUT), keeping its creation date.</summary>
    public async Task ReplaceAsync(string tenant, string id, JsonObject body, JsonLdContext context, CancellationToken cancellation)
    {
        RequireUri(id);
        var replacement = EntityReader.ReadEntity(body, context, knownId: id, typeRequired: false);
        await WriteAsync(tenant, tx =>
        {
            var existing = tx.Get(id) ?? throw NotFound(id);
            replacement[Members.Type] ??= existing[Members.Type]!.DeepClone();
            ReplaceWhole(tx, existing, replacement);
            return true;
        }, cancellation);
    }

    /// <summary>Puts <paramref name="replacement"/> in place of <paramref name="existing"/>: creation date kept, every instance new and in the history.</summary>
    private void ReplaceWhole(IEntityTransaction tx, JsonObject existing, JsonObject replacement)
    {
        var id = replacement[Members.Id]!.GetValue<string>();
        var now = Now();
        replacement[Members.CreatedAt] = existing[Members.CreatedAt]?.DeepClone();
        replacement[Members.ModifiedAt] = now;
        foreach (var (name, instances) in Attributes(replacement))
        {
            foreach (var instance in instances.OfType<JsonObject>())
            {
                AttributeMerge.Stamp(instance, now, null);
                tx.AppendHistory(id, name, instance, time.GetUtcNow());
            }
        }
        ScopeHistory.Record(tx, id, existing[Members.Scope], replacement[Members.Scope], time.GetUtcNow());
        tx.Replace(replacement);
    }

    /// <summary>Merge-patch of a whole entity (PATCH /entities/{id}): attributes merged, NGSI-LD nulls delete.</summary>
    public async Task MergeAsync(string tenant, string id, JsonObject body, JsonLdContext context, CancellationToken cancellation)
    {
        RequireUri(id);
        CheckBodyId(body, id);
        var fragment = EntityReader.ReadAttributes(body, context, allowNull: true);
        var types = body[Members.Type] is { } t ? EntityReader.ReadTypes(t, context) : null;
        var scope = body.ContainsKey(Members.Scope) ? EntityReader.ReadScope(body[Members.Scope]) : null;
        await WriteAsync(tenant, tx =>
        {
            var entity = tx.Get(id) ?? throw NotFound(id);
            Merge(tx, entity, fragment, types, body.ContainsKey(Members.Scope), scope);
            return true;
        }, cancellation);
    }

    private void Merge(IEntityTransaction tx, JsonObject entity, Dictionary<string, JsonArray> fragment, JsonArray? types, bool hasScope, JsonNode? scope)
    {
        var id = entity[Members.Id]!.GetValue<string>();
        var now = Now();
        if (types is not null) AddTypes(entity, types);
        if (hasScope)
        {
            ScopeHistory.Record(tx, id, entity[Members.Scope], scope, time.GetUtcNow());
            if (scope is null) entity.Remove(Members.Scope);
            else entity[Members.Scope] = scope.DeepClone();
        }
        foreach (var (name, incoming) in fragment)
        {
            var existing = entity[name] as JsonArray;
            foreach (var patch in incoming.OfType<JsonObject>())
            {
                var datasetId = AttributeMerge.DatasetId(patch);
                var target = existing is null ? null : AttributeMerge.Find(existing, datasetId);
                if (AttributeMerge.IsNull(patch))
                {
                    if (target is null) continue;
                    existing!.Remove(target);
                    tx.AppendHistory(id, name, AttributeMerge.Deletion(target, now), time.GetUtcNow());
                    continue;
                }
                JsonObject stored;
                if (target is null)
                {
                    existing ??= [];
                    stored = AttributeMerge.Upsert(existing, patch, now);
                    entity[name] = existing;
                }
                else
                {
                    stored = AttributeMerge.MergeInstance(target, patch, now);
                    existing![existing.IndexOf(target)] = stored;
                }
                tx.AppendHistory(id, name, stored, time.GetUtcNow());
            }
            if (existing is { Count: 0 }) entity.Remove(name);
        }
        entity[Members.ModifiedAt] = now;
        tx.Replace(entity);
    }

    private static void AddTypes(JsonObject entity, JsonArray types)
    {
        var current = entity[Members.Type] as JsonArray ?? [];
        foreach (var type in types.Select(t => t!.GetValue<string>()))
            if (!current.Any(c => c!.GetValue<string>() == type)) current.Add(type);
        entity[Members.Type] = current;
    }

    internal static IEnumerable<(string Name, JsonArray Instances)> Attributes(JsonObject entity)
    {
        foreach (var (name, value) in entity)
            if (!Members.EntityReserved.Contains(name) && value is JsonArray instances) yield return (name, instances);
    }

    internal static void RequireUri(string id)
    {
        if (!Validation.IsUri(id)) throw NgsiLdException.BadData($"'{id}' is not a valid entity id (a URI is required).");
    }

    private static void CheckBodyId(JsonObject body, string id)
    {
        if (body[Members.Id] is JsonValue v && (v.GetValueKind() != System.Text.Json.JsonValueKind.String || v.GetValue<string>() != id))
            throw NgsiLdException.BadData("The id in the body differs from the id in the path.");
    }

    public static NgsiLdException NotFound(string id) => NgsiLdException.NotFound($"Entity {id} was not found.");
}
