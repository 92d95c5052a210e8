using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Broker;

public sealed partial class EntityService
{
    /// <summary>Appends attributes (POST /entities/{id}/attrs); with <paramref name="noOverwrite"/> existing ones are kept and reported.</summary>
    public async Task<UpdateResult> AppendAttributesAsync(string tenant, string id, JsonObject body, JsonLdContext context, bool noOverwrite, CancellationToken cancellation)
    {
        RequireUri(id);
        CheckBodyId(body, id);
        var fragment = EntityReader.ReadAttributes(body, context, allowNull: false);
        var types = body[Members.Type] is { } t ? EntityReader.ReadTypes(t, context) : null;
        var scope = body.ContainsKey(Members.Scope) ? EntityReader.ReadScope(body[Members.Scope]) : null;
        return await WriteAsync(tenant, tx =>
        {
            var entity = tx.Get(id) ?? throw NotFound(id);
            var result = Append(tx, entity, fragment, noOverwrite, context);
            if (types is not null) AddTypes(entity, types);
            if (scope is JsonArray replacement && !noOverwrite)
            {
                entity[Members.Scope] = replacement.DeepClone();
            }
            else if (scope is JsonArray added)
            {
                // With noOverwrite, the scopes are added to those the entity has.
                var scopes = entity[Members.Scope] as JsonArray ?? [];
                foreach (var s in added.Select(x => x!.GetValue<string>()))
                    if (!scopes.Any(x => x!.GetValue<string>() == s)) scopes.Add(s);
                entity[Members.Scope] = scopes;
            }
            tx.Replace(entity);
            return result;
        }, cancellation);
    }

    private UpdateResult Append(IEntityTransaction tx, JsonObject entity, Dictionary<string, JsonArray> fragment, bool noOverwrite, JsonLdContext context)
    {
        var id = entity[Members.Id]!.GetValue<string>();
        var now = Now();
        var updated = new List<string>();
        var notUpdated = new List<(string, string)>();
        foreach (var (name, incoming) in fragment)
        {
            var existing = entity[name] as JsonArray ?? [];
            var changed = false;
            foreach (var instance in incoming.OfType<JsonObject>())
            {
                if (noOverwrite && AttributeMerge.Find(existing, AttributeMerge.DatasetId(instance)) is not null) continue;
                var stored = AttributeMerge.Upsert(existing, instance, now);
                tx.AppendHistory(id, name, stored, time.GetUtcNow());
                changed = true;
            }
            if (changed)
            {
                entity[name] = existing;
                updated.Add(context.Compact(name));
            }
            else
            {
                notUpdated.Add((context.Compact(name), "The attribute exists already and overwriting was not allowed (noOverwrite)."));
            }
        }
        entity[Members.ModifiedAt] = now;
        return new UpdateResult(updated, notUpdated);
    }

    /// <summary>Updates existing attributes (PATCH /entities/{id}/attrs); attributes that do not exist are reported, not added.</summary>
    public async Task<UpdateResult> UpdateAttributesAsync(string tenant, string id, JsonObject body, JsonLdContext context, CancellationToken cancellation)
    {
        RequireUri(id);
        CheckBodyId(body, id);
        var fragment = EntityReader.ReadAttributes(body, context, allowNull: true);
        var scope = body.ContainsKey(Members.Scope) ? EntityReader.ReadScope(body[Members.Scope]) : null;
        var types = body[Members.Type] is { } t ? EntityReader.ReadTypes(t, context) : null;
        return await WriteAsync(tenant, tx =>
        {
            var entity = tx.Get(id) ?? throw NotFound(id);
            var result = Update(tx, entity, fragment, context);
            if (types is not null) AddTypes(entity, types);
            if (body.ContainsKey(Members.Scope))
            {
                // Update only changes what exists: a scope is replaced (or removed by NGSI-LD null) but never added.
                if (entity.ContainsKey(Members.Scope))
                {
                    if (scope is null) entity.Remove(Members.Scope);
                    else entity[Members.Scope] = scope.DeepClone();
                    result = result with { Updated = [.. result.Updated, Members.Scope] };
                }
                else
                {
                    result = result with { NotUpdated = [.. result.NotUpdated, (Members.Scope, "The entity has no scope to update.")] };
                }
            }
            tx.Replace(entity);
            return result;
        }, cancellation);
    }

    private UpdateResult Update(IEntityTransaction tx, JsonObject entity, Dictionary<string, JsonArray> fragment, JsonLdContext context)
    {
        var id = entity[Members.Id]!.GetValue<string>();
        var now = Now();
        var updated = new List<string>();
        var notUpdated = new List<(string, string)>();
        foreach (var (name, incoming) in fragment)
        {
            if (entity[name] is not JsonArray existing)
            {
                notUpdated.Add((context.Compact(name), "The attribute does not exist."));
                continue;
            }
            var changed = false;
            foreach (var instance in incoming.OfType<JsonObject>())
            {
                var target = AttributeMerge.Find(existing, AttributeMerge.DatasetId(instance));
                if (target is null) continue;
                if (AttributeMerge.IsNull(instance))
                {
                    existing.Remove(target);
                    changed = true;
                    continue;
                }
                var stored = AttributeMerge.Upsert(existing, instance, now);
                tx.AppendHistory(id, name, stored, time.GetUtcNow());
                changed = true;
            }
            if (existing.Count == 0) entity.Remove(name);
            if (changed) updated.Add(context.Compact(name));
            else notUpdated.Add((context.Compact(name), "No instance with that datasetId exists."));
        }
        if (updated.Count > 0) entity[Members.ModifiedAt] = now;
        return new UpdateResult(updated, notUpdated);
    }

    /// <summary>Partial update of one attribute (PATCH /entities/{id}/attrs/{attr}): only the members given change.</summary>
    public async Task PartialUpdateAttributeAsync(string tenant, string id, string attribute, JsonObject body, JsonLdContext context, CancellationToken cancellation)
    {
        RequireUri(id);
        var name = EntityReader.ExpandName(attribute, context);
        var patch = PartialPatch(attribute, body, context);
        await WriteAsync(tenant, tx =>
        {
            var entity = tx.Get(id) ?? throw NotFound(id);
            if (entity[name] is not JsonArray existing) throw NgsiLdException.NotFound($"Entity {id} has no attribute {attribute}.");
            var datasetId = body[Members.DatasetId]?.GetValue<string>();
            var target = AttributeMerge.Find(existing, datasetId)
                ?? throw NgsiLdException.NotFound($"Attribute {attribute} of {id} has no instance with datasetId {datasetId ?? "(default)"}.");
            var now = Now();
            JsonObject merged;
            if (patch?[Members.Type] is JsonValue newType && newType.GetValue<string>() != target[Members.Type]!.GetValue<string>())
                throw NgsiLdException.BadData($"A partial update cannot change the type of attribute {attribute}; replace the attribute instead.");
            if (patch is null)
            {
                existing.Remove(target);
                if (existing.Count == 0) entity.Remove(name);
                entity[Members.ModifiedAt] = now;
                tx.Replace(entity);
                return true;
            }
            merged = AttributeMerge.MergeInstance(target, patch.ContainsKey(Members.Type) ? patch : WithType(patch, target), now);
            existing[existing.IndexOf(target)] = merged;
            entity[Members.ModifiedAt] = now;
            tx.AppendHistory(id, name, merged, time.GetUtcNow());
            tx.Replace(entity);
            return true;
        }, cancellation);
    }

    private static JsonObject WithType(JsonObject patch, JsonObject target)
    {
        patch[Members.Type] = target[Members.Type]!.GetValue<string>();
        return patch;
    }

    /// <summary>Reads the body of a partial attribute update; null means "delete the instance" (the NGSI-LD null).</summary>
    private static JsonObject? PartialPatch(string attribute, JsonObject body, JsonLdContext context)
    {
        if (body.Count == 0) throw NgsiLdException.BadData("The attribute fragment is empty.");
        var hasType = body[Members.Type] is not null;
        var hasValue = body.Any(kv => kv.Key is Members.Value or Members.Object or Members.LanguageMap or Members.Vocab or Members.Json or Members.ValueList or Members.ObjectList);
        if (hasType || hasValue)
        {
            var instance = EntityReader.ReadInstance(attribute, body, context, allowNull: true, depth: 0);
            if (!hasType) instance.Remove(Members.Type);
            if (hasType && AttributeMerge.IsNull(instance) || !hasType && IsNullValue(instance)) return null;
            return instance;
        }
        // Only metadata or sub-attributes: read them against a placeholder value and keep just those members.
        var probe = (JsonObject)body.DeepClone();
        probe[Members.Value] = 0;
        var read = EntityReader.ReadInstance(attribute, probe, context, allowNull: true, depth: 0);
        read.Remove(Members.Value);
        read.Remove(Members.Type);
        return read;
    }

    private static bool IsNullValue(JsonObject instance) =>
        instance.Any(kv => kv.Key is Members.Value or Members.Object && kv.Value is JsonValue v
            && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() == EntityReader.NgsiNull);

    /// <summary>Deletes one attribute (or one instance by datasetId, or all instances with deleteAll).</summary>
    public async Task DeleteAttributeAsync(string tenant, string id, string attribute, string? datasetId, bool deleteAll, JsonLdContext context, CancellationToken cancellation)
    {
        RequireUri(id);
        if (attribute == Members.Scope)
        {
            await WriteAsync(tenant, tx =>
            {
                var entity = tx.Get(id) ?? throw NotFound(id);
                ScopeHistory.Record(tx, id, entity[Members.Scope], null, time.GetUtcNow());
                if (entity.Remove(Members.Scope) is false) throw NgsiLdException.NotFound($"Entity {id} has no scope.");
                entity[Members.ModifiedAt] = Now();
                tx.Replace(entity);
                return true;
            }, cancellation);
            return;
        }
        var name = EntityReader.ExpandName(attribute, context);
        if (datasetId is not null && !Validation.IsUri(datasetId)) throw NgsiLdException.BadData("The datasetId must be a URI.");
        await WriteAsync(tenant, tx =>
        {
            var entity = tx.Get(id) ?? throw NotFound(id);
            if (entity[name] is not JsonArray existing) throw NgsiLdException.NotFound($"Entity {id} has no attribute {attribute}.");
            var removed = deleteAll ? existing.OfType<JsonObject>().ToList()
                : [AttributeMerge.Find(existing, datasetId)
                    ?? throw NgsiLdException.NotFound($"Attribute {attribute} of {id} has no instance with datasetId {datasetId ?? "(default)"}.")];
            var now = time.GetUtcNow();
            foreach (var instance in removed)
            {
                existing.Remove(instance);
                tx.AppendHistory(id, name, AttributeMerge.Deletion(instance, Validation.Format(now)), now);
            }
            if (existing.Count == 0) entity.Remove(name);
            entity[Members.ModifiedAt] = Now();
            tx.Replace(entity);
            return true;
        }, cancellation);
    }

    /// <summary>Replaces one attribute (PUT /entities/{id}/attrs/{attr}).</summary>
    public async Task ReplaceAttributeAsync(string tenant, string id, string attribute, JsonObject body, JsonLdContext context, CancellationToken cancellation)
    {
        RequireUri(id);
        var name = EntityReader.ExpandName(attribute, context);
        var instances = EntityReader.ReadAttribute(attribute, body, context, allowNull: false);
        await WriteAsync(tenant, tx =>
        {
            var entity = tx.Get(id) ?? throw NotFound(id);
            if (entity[name] is not JsonArray existing) throw NgsiLdException.NotFound($"Entity {id} has no attribute {attribute}.");
            var now = Now();
            foreach (var instance in instances.OfType<JsonObject>())
            {
                var stored = AttributeMerge.Upsert(existing, instance, now);
                tx.AppendHistory(id, name, stored, time.GetUtcNow());
            }
            entity[Members.ModifiedAt] = now;
            tx.Replace(entity);
            return true;
        }, cancellation);
    }
}
