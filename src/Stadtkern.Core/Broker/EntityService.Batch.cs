using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Broker;

/// <summary>How a batch upsert treats existing entities.</summary>
public enum UpsertMode
{
    Replace,
    Update,
}

public sealed partial class EntityService
{
    /// <summary>Batch create: each entity on its own, in one durable commit.</summary>
    public Task<BatchResult> BatchCreateAsync(string tenant, JsonArray bodies, Func<JsonObject, ValueTask<JsonLdContext>> contextOf, CancellationToken cancellation) =>
        BatchAsync(tenant, bodies, contextOf, requireType: true, (tx, entity, body, context, created) =>
        {
            Create(tx, entity);
            created.Add(entity[Members.Id]!.GetValue<string>());
        }, cancellation);

    /// <summary>Batch upsert: creates missing entities; existing ones are replaced, or updated with <see cref="UpsertMode.Update"/>.</summary>
    public Task<BatchResult> BatchUpsertAsync(string tenant, JsonArray bodies, UpsertMode mode, Func<JsonObject, ValueTask<JsonLdContext>> contextOf, CancellationToken cancellation) =>
        BatchAsync(tenant, bodies, contextOf, requireType: true, (tx, entity, body, context, created) =>
        {
            var id = entity[Members.Id]!.GetValue<string>();
            var existing = tx.Get(id);
            if (existing is null)
            {
                Create(tx, entity, knownNew: true);
                created.Add(id);
                return;
            }
            if (mode == UpsertMode.Update)
            {
                var fragment = EntityReader.ReadAttributes(body, context, allowNull: false);
                AddTypes(existing, (JsonArray)entity[Members.Type]!);
                Append(tx, existing, fragment, noOverwrite: false, context);
                tx.Replace(existing);
                return;
            }
            ReplaceWhole(tx, existing, entity);
        }, cancellation);

    /// <summary>Batch update of existing entities' attributes (noOverwrite keeps existing attributes).</summary>
    public Task<BatchResult> BatchUpdateAsync(string tenant, JsonArray bodies, bool noOverwrite, Func<JsonObject, ValueTask<JsonLdContext>> contextOf, CancellationToken cancellation) =>
        BatchAsync(tenant, bodies, contextOf, requireType: false, (tx, entity, body, context, created) =>
        {
            var id = entity[Members.Id]!.GetValue<string>();
            var existing = tx.Get(id) ?? throw NotFound(id);
            var fragment = EntityReader.ReadAttributes(body, context, allowNull: false);
            if (entity[Members.Type] is JsonArray types) AddTypes(existing, types);
            var result = Append(tx, existing, fragment, noOverwrite, context);
            tx.Replace(existing);
            if (!result.Complete)
                throw NgsiLdException.BadData($"Not overwritten (noOverwrite): {string.Join(", ", result.NotUpdated.Select(n => n.Attribute))}; the other attributes were appended.");
        }, cancellation);

    /// <summary>Batch merge-patch of existing entities.</summary>
    public Task<BatchResult> BatchMergeAsync(string tenant, JsonArray bodies, Func<JsonObject, ValueTask<JsonLdContext>> contextOf, CancellationToken cancellation) =>
        BatchAsync(tenant, bodies, contextOf, requireType: false, (tx, entity, body, context, created) =>
        {
            var id = entity[Members.Id]!.GetValue<string>();
            var existing = tx.Get(id) ?? throw NotFound(id);
            var fragment = EntityReader.ReadAttributes(body, context, allowNull: true);
            Merge(tx, existing, fragment, entity[Members.Type] as JsonArray, body.ContainsKey(Members.Scope),
                body.ContainsKey(Members.Scope) ? EntityReader.ReadScope(body[Members.Scope]) : null);
        }, cancellation);

    /// <summary>Batch delete by id.</summary>
    public async Task<BatchResult> BatchDeleteAsync(string tenant, JsonArray ids, CancellationToken cancellation)
    {
        CheckBatchSize(ids);
        var success = new List<string>();
        var errors = new List<BatchError>();
        var valid = new List<string>();
        foreach (var node in ids)
        {
            if (node is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String || !Validation.IsUri(v.GetValue<string>()))
            {
                errors.Add(new BatchError(node?.ToJsonString() ?? "null", NgsiLdException.BadData("An entity id must be a URI.")));
                continue;
            }
            valid.Add(v.GetValue<string>());
        }
        var outcome = await WriteAsync(tenant, tx => valid.Select(id => (id, deleted: tx.Delete(id))).ToList(), cancellation);
        foreach (var (id, deleted) in outcome)
        {
            if (deleted) success.Add(id);
            else errors.Add(new BatchError(id, NotFound(id)));
        }
        return new BatchResult(success, errors, []);
    }

    /// <summary>The id and types of a fragment, after checking that its attributes read (nulls allowed).</summary>
    private static JsonObject ReadFragmentHead(JsonObject body, JsonLdContext context)
    {
        var head = new JsonObject { [Members.Id] = EntityReader.ReadId(body) };
        if (body[Members.Type] is { } type) head[Members.Type] = EntityReader.ReadTypes(type, context);
        EntityReader.ReadAttributes(body, context, allowNull: true);
        return head;
    }

    private void CheckBatchSize(JsonArray items)
    {
        if (items.Count == 0) throw NgsiLdException.BadData("The batch is empty.");
        if (items.Count > options.MaxBatchSize)
            throw NgsiLdException.BadData($"The batch holds {items.Count} entities; at most {options.MaxBatchSize} are allowed.");
    }

    private delegate void BatchStep(IEntityTransaction tx, JsonObject entity, JsonObject body, JsonLdContext context, List<string> created);

    /// <summary>Reads every entity first (bad ones become errors), then applies the good ones in one transaction, each isolated so one failure does not undo the others.</summary>
    private async Task<BatchResult> BatchAsync(string tenant, JsonArray bodies, Func<JsonObject, ValueTask<JsonLdContext>> contextOf, bool requireType, BatchStep step, CancellationToken cancellation)
    {
        CheckBatchSize(bodies);
        var errors = new List<BatchError>();
        var ready = new List<(JsonObject Entity, JsonObject Body, JsonLdContext Context)>();
        foreach (var node in bodies)
        {
            if (node is not JsonObject body)
            {
                errors.Add(new BatchError("", NgsiLdException.BadData("Every batch element must be an entity object.")));
                continue;
            }
            var id = body[Members.Id] is JsonValue iv && iv.GetValueKind() == System.Text.Json.JsonValueKind.String ? iv.GetValue<string>() : "";
            try
            {
                var context = await contextOf(body);
                // Create and upsert take whole entities; update and merge take fragments, where the NGSI-LD null is allowed.
                var entity = requireType ? EntityReader.ReadEntity(body, context) : ReadFragmentHead(body, context);
                ready.Add((entity, body, context));
            }
            catch (NgsiLdException e) when (e.Type != ErrorType.LdContextNotAvailable || bodies.Count > 1)
            {
                errors.Add(new BatchError(id, e));
            }
        }
        var success = new List<string>();
        var created = new List<string>();
        if (ready.Count > 0)
        {
            var outcome = await WriteAsync(tenant, tx =>
            {
                var results = new List<(string Id, NgsiLdException? Error, bool Created)>();
                foreach (var (entity, body, context) in ready)
                {
                    var id = entity[Members.Id]!.GetValue<string>();
                    var createdHere = new List<string>();
                    try
                    {
                        step(tx, (JsonObject)entity.DeepClone(), body, context, createdHere);
                        results.Add((id, null, createdHere.Count > 0));
                    }
                    catch (NgsiLdException e)
                    {
                        results.Add((id, e, false));
                    }
                }
                return results;
            }, cancellation);
            foreach (var (id, error, wasCreated) in outcome)
            {
                if (error is null)
                {
                    success.Add(id);
                    if (wasCreated) created.Add(id);
                }
                else errors.Add(new BatchError(id, error));
            }
        }
        return new BatchResult(success, errors, created);
    }
}
