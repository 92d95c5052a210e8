using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Watch;

/// <summary>
/// What a control room does with alarms: sees the open ones, most severe and oldest first; acknowledges, comments and
/// clears them (each step an attribute change of the Alert entity, so its history is the audit trail); and reads how
/// fast alarms were acknowledged and cleared.
/// </summary>
public sealed class ControlRoom(IEntityStore store, EntityService entities, WatchEngine engine, TimeProvider time)
{
    private const int MaxAlarms = 10_000;

    public async Task<IReadOnlyList<JsonObject>> OpenAsync(string tenant, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var alarms = await AlarmsAsync(tenant, a => AlarmEntity.Text(a, "alarmStatus") != AlarmEntity.Cleared, cancellation);
        return alarms
            .OrderByDescending(a => WatchRule.Rank(AlarmEntity.Text(a, "severity") ?? "medium"))
            .ThenBy(a => Issued(a))
            .Select(a => Summary(a, now))
            .ToList();
    }

    private async Task<IReadOnlyList<JsonObject>> AlarmsAsync(string tenant, Func<JsonObject, bool> filter, CancellationToken cancellation) =>
        (await store.QueryAsync(new EntityQuery(tenant) { AnyOfTypes = [AlarmEntity.Type], Filter = filter, Limit = MaxAlarms }, cancellation)).Entities;

    private static DateTimeOffset Issued(JsonObject alarm) => Instant(alarm, "dateIssued") ?? DateTimeOffset.MinValue;

    private static DateTimeOffset? Instant(JsonObject alarm, string name) =>
        AlarmEntity.Text(alarm, name) is { } text && Validation.TryParseDateTime(text, out var at) ? at : null;

    private static JsonObject Summary(JsonObject alarm, DateTimeOffset now)
    {
        var summary = new JsonObject { ["id"] = alarm[Members.Id]!.GetValue<string>() };
        foreach (var name in new[] { "severity", "category", "description", "alarmStatus", "alertSource", "watchRule", "dateIssued", "acknowledgedBy", "acknowledgedAt" })
            if (AlarmEntity.Text(alarm, name) is { } value) summary[name] = value;
        summary["ageSeconds"] = Math.Round((now - Issued(alarm)).TotalSeconds);
        return summary;
    }

    /// <summary>Acknowledges an open alarm (who, when, optional comment); acknowledging twice or a cleared alarm is refused.</summary>
    public Task AcknowledgeAsync(string tenant, string id, string by, string? comment, CancellationToken cancellation) =>
        StepAsync(tenant, id, cancellation, (_, status) =>
            status == AlarmEntity.Raised ? AlarmEntity.Step(AlarmEntity.Acknowledged, by, time.GetUtcNow(), comment)
                : throw new NgsiLdException(ErrorType.OperationNotSupported, $"Alarm {id} is {status}; only a raised alarm can be acknowledged."));

    /// <summary>Adds a comment to an alarm in any state; the history keeps every comment.</summary>
    public Task CommentAsync(string tenant, string id, string by, string comment, CancellationToken cancellation) =>
        StepAsync(tenant, id, cancellation, (_, _) => new JsonObject { ["comment"] = AlarmEntity.Comment(by, comment) });

    /// <summary>Clears an open alarm by hand; its rule may raise a new one when the condition holds again.</summary>
    public Task ClearAsync(string tenant, string id, string by, string? comment, CancellationToken cancellation) =>
        StepAsync(tenant, id, cancellation, (tx, status) =>
        {
            if (status == AlarmEntity.Cleared) throw new NgsiLdException(ErrorType.OperationNotSupported, $"Alarm {id} is already cleared.");
            engine.Forget(tx, tenant, id);
            return AlarmEntity.Step(AlarmEntity.Cleared, by, time.GetUtcNow(), comment);
        });

    private async Task StepAsync(string tenant, string id, CancellationToken cancellation, Func<IEntityTransaction, string, JsonObject> step)
    {
        await entities.WriteAsync(tenant, tx =>
        {
            if (tx.Get(id) is not { } alarm || !AlarmEntity.IsAlarm(alarm)) throw NgsiLdException.NotFound($"Alarm {id} was not found.");
            entities.AppendWithin(tx, id, step(tx, AlarmEntity.Text(alarm, "alarmStatus") ?? AlarmEntity.Raised));
            return true;
        }, cancellation);
    }

    /// <summary>Counts by status and severity, and the time from raising to acknowledging and to clearing (seconds: count, mean, median, max).</summary>
    public async Task<JsonObject> StatisticsAsync(string tenant, CancellationToken cancellation)
    {
        var alarms = await AlarmsAsync(tenant, _ => true, cancellation);
        JsonObject CountBy(string name) => new(alarms.GroupBy(a => AlarmEntity.Text(a, name) ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count())));
        JsonObject Durations(string until)
        {
            var seconds = alarms.Select(a => Instant(a, until) is { } end ? (end - Issued(a)).TotalSeconds : (double?)null)
                .OfType<double>().Order().ToList();
            return new JsonObject
            {
                ["count"] = seconds.Count,
                ["meanSeconds"] = seconds.Count == 0 ? null : Math.Round(seconds.Average(), 3),
                ["medianSeconds"] = seconds.Count == 0 ? null : Math.Round(seconds.Count % 2 == 1 ? seconds[seconds.Count / 2] : (seconds[seconds.Count / 2 - 1] + seconds[seconds.Count / 2]) / 2, 3),
                ["maxSeconds"] = seconds.Count == 0 ? null : Math.Round(seconds[^1], 3),
            };
        }
        return new JsonObject
        {
            ["alarms"] = alarms.Count,
            ["byStatus"] = CountBy("alarmStatus"),
            ["bySeverity"] = CountBy("severity"),
            ["timeToAcknowledge"] = Durations("acknowledgedAt"),
            ["timeToClear"] = Durations("clearedAt"),
        };
    }
}
