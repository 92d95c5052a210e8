using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.Ingest.Mapping;
using Stadtkern.JsonLd;
using Stadtkern.Lake;
using Stadtkern.Model;

namespace Stadtkern.Ingest;

/// <summary>What became of one incoming message: applied to the context graph, or kept as a dead letter with the reason.</summary>
public sealed record IngestOutcome(bool Applied, string? Reason);

/// <summary>
/// The way in for device messages (MQTT, and other ingestion paths): each message is first kept verbatim in the raw lake,
/// then interpreted — as an NGSI-LD fragment, or by the mapping rule its topic matches — and written through the entity
/// service. What cannot be interpreted is never dropped silently: it stays in the lake and is recorded as a dead letter with
/// its reason. Every task completes only when all of that is durable.
/// </summary>
public sealed class IngestService(EntityService entities, ContextResolver contexts, TimeProvider time, RawLake? lake = null, MappingRules? rules = null)
{
    private long _applied;
    private long _deadLetters;

    public long Applied => Interlocked.Read(ref _applied);

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Counts messages applied by another ingestion path (NDJSON lines).</summary>
    public void CountApplied(long count) => Interlocked.Add(ref _applied, count);

    /// <summary>The counters in Prometheus text form.</summary>
    public string Prometheus() =>
        "# TYPE stadtkern_ingest_applied_total counter\n"
        + $"stadtkern_ingest_applied_total {Applied}\n"
        + "# TYPE stadtkern_ingest_dead_letters_total counter\n"
        + $"stadtkern_ingest_dead_letters_total {DeadLetters}\n";

    /// <summary>An MQTT message: NGSI-LD fragments on <c>ngsi-ld/{tenant}/entities/{entityId}/attrs</c>; on any other topic the device's own JSON, read by the mapping rule that takes the topic.</summary>
    public async Task<IngestOutcome> MqttAsync(string topic, byte[] payload, string? contentType, CancellationToken cancellation)
    {
        var target = MqttTopic.Parse(topic);
        var mapped = target is null ? rules?.Match(topic) : null;
        var record = new LakeRecord(time.GetUtcNow(), "mqtt", topic, contentType, target?.Tenant ?? mapped?.Rule.Tenant ?? "", payload);
        if (lake is not null) await lake.AppendAsync(record, cancellation);
        if (target is null && mapped is null)
            return await DeadLetterAsync(record, "The topic is not ngsi-ld/{tenant}/entities/{entityId}/attrs and no mapping rule matches it.", cancellation);
        try
        {
            if (target is not null) await ApplyFragmentAsync(target, payload, cancellation);
            else await ApplyMappedAsync(mapped!.Value.Rule, mapped.Value.Captures, record, cancellation);
            Interlocked.Increment(ref _applied);
            return new IngestOutcome(true, null);
        }
        catch (NgsiLdException e)
        {
            var rule = mapped is { Rule.Id: var id } ? $"mapping rule {id}: " : "";
            return await DeadLetterAsync(record, $"{rule}{e.Type}: {e.Message}", cancellation);
        }
    }

    /// <summary>A device's own JSON, read by its rule into whole entities and upserted: created when missing, their attributes updated otherwise.</summary>
    private async Task ApplyMappedAsync(MappingRule rule, IReadOnlyDictionary<string, string> captures, LakeRecord record, CancellationToken cancellation)
    {
        var bodies = rule.Map(ParseJson(record.Payload), captures, record.ReceivedAt);
        var context = rule.Document.Context is { } url ? await contexts.ResolveAsync(JsonValue.Create(url), cancellation) : JsonLdContext.Core;
        var result = await entities.BatchUpsertAsync(rule.Tenant, bodies, UpsertMode.Update, _ => ValueTask.FromResult(context), cancellation);
        if (result.Errors.Count > 0)
            throw NgsiLdException.BadData(string.Join("; ", result.Errors.Select(e => $"{e.EntityId}: {e.Error.Type}: {e.Error.Detail}")));
    }

    private static JsonNode ParseJson(byte[] payload)
    {
        try
        {
            return JsonNode.Parse(payload) ?? throw NgsiLdException.BadData("The payload is JSON null.");
        }
        catch (JsonException e)
        {
            throw NgsiLdException.Invalid($"The payload is not valid JSON: {e.Message}");
        }
    }

    /// <summary>An attribute fragment for one entity: with a type it creates or updates the entity, without one it updates an existing entity.</summary>
    private async Task ApplyFragmentAsync(MqttTopic target, byte[] payload, CancellationToken cancellation)
    {
        var body = ParseJson(payload) as JsonObject ?? throw NgsiLdException.BadData("The payload is not a JSON object of attributes.");
        if (body[Members.Id] is JsonValue id && id.GetValueKind() == JsonValueKind.String && id.GetValue<string>() != target.EntityId)
            throw NgsiLdException.BadData("The id in the payload differs from the id in the topic.");
        var context = body[Members.Context] is { } given ? await contexts.ResolveAsync(given, cancellation) : JsonLdContext.Core;
        body.Remove(Members.Context);
        if (body.ContainsKey(Members.Type))
        {
            body[Members.Id] = target.EntityId;
            var result = await entities.BatchUpsertAsync(target.Tenant, [body], UpsertMode.Update, _ => ValueTask.FromResult(context), cancellation);
            if (result.Errors.Count > 0) throw result.Errors[0].Error;
            return;
        }
        var update = await entities.AppendAttributesAsync(target.Tenant, target.EntityId, body, context, noOverwrite: false, cancellation);
        if (update.NotUpdated.Count > 0) throw NgsiLdException.BadData($"Not applied: {string.Join(", ", update.NotUpdated.Select(n => $"{n.Attribute} ({n.Reason})"))}.");
    }

    private async Task<IngestOutcome> DeadLetterAsync(LakeRecord original, string reason, CancellationToken cancellation)
    {
        await RecordDeadLetterAsync(original, reason, cancellation);
        return new IngestOutcome(false, reason);
    }

    /// <summary>Counts a message that could not be applied and records it, with its reason, as a dead letter in the lake.</summary>
    public async Task RecordDeadLetterAsync(LakeRecord original, string reason, CancellationToken cancellation)
    {
        Interlocked.Increment(ref _deadLetters);
        if (lake is not null) await lake.AppendAsync(DeadLetter.Of(original, reason).ToLakeRecord(original.Tenant, time.GetUtcNow()), cancellation);
    }
}
