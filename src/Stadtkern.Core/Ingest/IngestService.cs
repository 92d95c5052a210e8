using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Lake;
using Stadtkern.Model;

namespace Stadtkern.Ingest;

/// <summary>What became of one incoming message: applied to the context graph, or kept as a dead letter with the reason.</summary>
public sealed record IngestOutcome(bool Applied, string? Reason);

/// <summary>
/// The way in for device messages (MQTT, and other ingestion paths): each message is first kept verbatim in the raw lake,
/// then interpreted and written through the entity service. What cannot be interpreted is never dropped silently: it stays
/// in the lake and is recorded as a dead letter with its reason. Every task completes only when all of that is durable.
/// </summary>
public sealed class IngestService(EntityService entities, ContextResolver contexts, TimeProvider time, RawLake? lake = null)
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

    /// <summary>An MQTT message: NGSI-LD fragments on <c>ngsi-ld/{tenant}/entities/{entityId}/attrs</c>; any other topic is a dead letter until mapping rules exist for it.</summary>
    public async Task<IngestOutcome> MqttAsync(string topic, byte[] payload, string? contentType, CancellationToken cancellation)
    {
        var target = MqttTopic.Parse(topic);
        var record = new LakeRecord(time.GetUtcNow(), "mqtt", topic, contentType, target?.Tenant ?? "", payload);
        if (lake is not null) await lake.AppendAsync(record, cancellation);
        if (target is null) return await DeadLetterAsync(record, "The topic is not ngsi-ld/{tenant}/entities/{entityId}/attrs and no mapping rule matches it.", cancellation);
        try
        {
            await ApplyFragmentAsync(target, payload, cancellation);
            Interlocked.Increment(ref _applied);
            return new IngestOutcome(true, null);
        }
        catch (NgsiLdException e)
        {
            return await DeadLetterAsync(record, $"{e.Type}: {e.Message}", cancellation);
        }
    }

    /// <summary>An attribute fragment for one entity: with a type it creates or updates the entity, without one it updates an existing entity.</summary>
    private async Task ApplyFragmentAsync(MqttTopic target, byte[] payload, CancellationToken cancellation)
    {
        JsonObject body;
        try
        {
            body = JsonNode.Parse(payload) as JsonObject ?? throw NgsiLdException.BadData("The payload is not a JSON object of attributes.");
        }
        catch (JsonException e)
        {
            throw NgsiLdException.Invalid($"The payload is not valid JSON: {e.Message}");
        }
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
