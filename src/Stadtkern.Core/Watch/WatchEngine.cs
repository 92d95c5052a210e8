using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Geo;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Watch;

/// <summary>
/// Evaluates the watch rules on every committed change, inside the change's own transaction: an alarm is raised or
/// cleared atomically with the reading that caused it, and (being an entity) reaches control rooms through ordinary
/// subscriptions. What a rule remembers between readings (consecutive count, since when, the open alarm) is kept per
/// rule and entity; it is touched only on the store's single writer, and the open alarms are restored from the store
/// at start. Silence (staleness) is checked by the clock, see <see cref="CheckSilenceAsync"/>.
/// </summary>
public sealed class WatchEngine(Func<EntityService> entities, TimeProvider time) : IEntityChangeObserver
{
    private ImmutableDictionary<string, ImmutableList<WatchRule>> _rules = ImmutableDictionary<string, ImmutableList<WatchRule>>.Empty;
    private readonly Dictionary<(string Tenant, string Rule, string Entity), WatchState> _states = [];

    /// <summary>Puts a tenant's rules in force (replacing those it had).</summary>
    public void SetRules(string tenant, IEnumerable<WatchRule> rules)
    {
        var list = rules.ToImmutableList();
        ImmutableInterlocked.Update(ref _rules, r => list.IsEmpty ? r.Remove(tenant) : r.SetItem(tenant, list));
    }

    public IReadOnlyList<WatchRule> RulesOf(string tenant) => _rules.TryGetValue(tenant, out var list) ? list : [];

    public bool Observes(string tenant) => _rules.ContainsKey(tenant);

    public void Committed(string tenant)
    {
    }

    public void OnChange(IEntityTransaction transaction, EntityChange change)
    {
        if (change.Current is not { } current || AlarmEntity.IsAlarm(current) || !_rules.TryGetValue(change.Tenant, out var rules)) return;
        var types = (current[Members.Type] as JsonArray)?.Select(t => t!.GetValue<string>()).ToList() ?? [];
        foreach (var rule in rules)
        {
            if (!rule.Watches(change.EntityId, types)) continue;
            if (Reading(rule.Condition, change.Previous, current, change.At) is not { } reading) continue;
            Evaluate(transaction, change.Tenant, rule, change.EntityId, current, reading);
        }
    }

    /// <summary>The new reading a change brings for the condition, or null when the watched attribute (or location) did not change.</summary>
    private static WatchReading? Reading(WatchCondition condition, JsonObject? previous, JsonObject current, DateTimeOffset at)
    {
        var name = AlarmEntity.Expand(condition.Attribute ?? "location");
        if (Instance(current, name) is not { } instance) return null;
        if (previous is not null && Instance(previous, name) is { } before && JsonNode.DeepEquals(before, instance)) return null;
        var observed = instance[Members.ObservedAt]?.GetValue<string>() ?? instance[Members.ModifiedAt]?.GetValue<string>();
        var when = observed is not null && Validation.TryParseDateTime(observed, out var t) ? t : at;
        if (condition.Attribute is null)
        {
            try
            {
                return instance[Members.Value] is JsonObject geometry ? new WatchReading(null, GeoJson.ToGeometry(geometry), when) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
        var number = instance[Members.Value] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? Validation.NumberOf(v) : (double?)null;
        return new WatchReading(number, null, when);
    }

    /// <summary>The default instance (no datasetId) of an attribute in a stored entity.</summary>
    private static JsonObject? Instance(JsonObject entity, string name) =>
        (entity[name] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(i => i[Members.DatasetId] is null);

    private void Evaluate(IEntityTransaction tx, string tenant, WatchRule rule, string entityId, JsonObject current, WatchReading reading)
    {
        var key = (tenant, rule.Id, entityId);
        if (!_states.TryGetValue(key, out var state)) _states[key] = state = new WatchState();
        var previous = state.Last;
        state.Last = reading;
        if (state.AlarmId is { } open)
        {
            if (!rule.Condition.Recovered(reading, previous)) return;
            entities().AppendWithin(tx, open, AlarmEntity.Step(AlarmEntity.Cleared, "watch:" + rule.Id, time.GetUtcNow(), null));
            Reset(state);
            return;
        }
        if (!rule.Condition.Violated(reading, previous))
        {
            Reset(state);
            return;
        }
        state.Consecutive++;
        state.HoldingSince ??= reading.At;
        if (state.Consecutive < rule.Readings || reading.At - state.HoldingSince < rule.HoldFor) return;
        state.AlarmId = Raise(tx, rule, entityId, current, reading);
    }

    private string Raise(IEntityTransaction tx, WatchRule rule, string entityId, JsonObject source, WatchReading reading)
    {
        var body = AlarmEntity.Raise(rule, entityId, source, reading, time.GetUtcNow());
        entities().CreateWithin(tx, body);
        return body["id"]!.GetValue<string>();
    }

    private static void Reset(WatchState state)
    {
        state.AlarmId = null;
        state.Consecutive = 0;
        state.HoldingSince = null;
    }

    /// <summary>An alarm cleared by hand: the rule may raise a new one when its condition holds again.</summary>
    public void Forget(string tenant, string alarmId)
    {
        foreach (var (key, state) in _states)
            if (key.Tenant == tenant && state.AlarmId == alarmId) Reset(state);
    }

    /// <summary>At start: the alarms the store holds open are the rules' open alarms again.</summary>
    public async Task RestoreAsync(IEntityStore store, CancellationToken cancellation)
    {
        foreach (var tenant in await store.TenantsAsync(cancellation))
        {
            var open = await store.QueryAsync(new EntityQuery(tenant)
            {
                AnyOfTypes = [AlarmEntity.Type],
                Filter = a => AlarmEntity.Text(a, "alarmStatus") is not (null or AlarmEntity.Cleared) && AlarmEntity.Text(a, "watchRule") is not null,
                Limit = 100_000,
            }, cancellation);
            await entities().WriteAsync(tenant, _ =>
            {
                foreach (var alarm in open.Entities)
                    _states[(tenant, AlarmEntity.Text(alarm, "watchRule")!, AlarmEntity.Text(alarm, "alertSource") ?? "")] = new WatchState
                    {
                        AlarmId = alarm[Members.Id]!.GetValue<string>(),
                    };
                return true;
            }, cancellation);
        }
    }

    /// <summary>
    /// Raises a staleness alarm for each watched entity whose attribute has not been read for longer than its rule allows
    /// (its last reading's observedAt, else modifiedAt). A reading clears it again (<see cref="OnChange"/>).
    /// </summary>
    public async Task<int> CheckSilenceAsync(IEntityStore store, CancellationToken cancellation)
    {
        var raised = 0;
        var now = time.GetUtcNow();
        foreach (var (tenant, rules) in _rules)
        {
            foreach (var rule in rules.Where(r => r.Condition is StalenessCondition))
            {
                var condition = (StalenessCondition)rule.Condition;
                var name = AlarmEntity.Expand(condition.Name);
                var candidates = await store.QueryAsync(new EntityQuery(tenant)
                {
                    AnyOfTypes = [rule.EntityType],
                    Filter = e => rule.Watches(e[Members.Id]!.GetValue<string>(), [rule.EntityType]) && LastReading(e, name) is { } last && condition.SilentAt(last, now),
                    Limit = 10_000,
                }, cancellation);
                if (candidates.Entities.Count == 0) continue;
                raised += await entities().WriteAsync(tenant, tx =>
                {
                    var count = 0;
                    foreach (var entity in candidates.Entities)
                    {
                        var id = entity[Members.Id]!.GetValue<string>();
                        var key = (tenant, rule.Id, id);
                        if (!_states.TryGetValue(key, out var state)) _states[key] = state = new WatchState();
                        if (state.AlarmId is not null || tx.Get(id) is not { } fresh || LastReading(fresh, name) is not { } last || !condition.SilentAt(last, now)) continue;
                        state.AlarmId = Raise(tx, rule, id, fresh, new WatchReading(null, null, last));
                        count++;
                    }
                    return count;
                }, cancellation);
            }
        }
        return raised;
    }

    private static DateTimeOffset? LastReading(JsonObject entity, string name)
    {
        var instance = Instance(entity, name);
        var text = instance?[Members.ObservedAt]?.GetValue<string>() ?? instance?[Members.ModifiedAt]?.GetValue<string>();
        return text is not null && Validation.TryParseDateTime(text, out var at) ? at : null;
    }
}
