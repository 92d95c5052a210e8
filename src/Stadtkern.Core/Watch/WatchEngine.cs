using System.Collections.Concurrent;
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
/// at start. Silence (staleness) and conditions held for a period are checked by the clock, see <see cref="CheckSilenceAsync"/>
/// and <see cref="CheckHeldAsync"/>.
/// </summary>
public sealed partial class WatchEngine(Func<EntityService> entities, TimeProvider time) : IEntityChangeObserver
{
    private ImmutableDictionary<string, ImmutableList<WatchRule>> _rules = ImmutableDictionary<string, ImmutableList<WatchRule>>.Empty;
    private readonly Dictionary<(string Tenant, string Rule, string Entity), WatchState> _states = [];

    // What each unit of work changed, to put back if its changes are undone (the work failed after the watch saw them).
    private readonly Dictionary<IEntityTransaction, List<((string Tenant, string Rule, string Entity) Key, WatchState? Before, bool Holding)>> _journal =
        new(ReferenceEqualityComparer.Instance);

    // The rule/entity pairs whose condition holds and that wait only for their 'for' period: the clock raises their alarm
    // when no further reading comes (CheckHeldAsync). Written on the writer, read by the clock's tick.
    private readonly ConcurrentDictionary<(string Tenant, string Rule, string Entity), byte> _holding = new();

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

    public void WorkEnded(IEntityTransaction transaction, bool applied)
    {
        if (!_journal.Remove(transaction, out var changes) || applied) return;
        for (var i = changes.Count - 1; i >= 0; i--)
        {
            var (key, before, holding) = changes[i];
            if (before is null) _states.Remove(key);
            else _states[key] = before;
            if (holding) _holding.TryAdd(key, 0);
            else _holding.TryRemove(key, out _);
        }
    }

    /// <summary>Notes the state of a rule and entity before <paramref name="tx"/> first changes it.</summary>
    private void Touch(IEntityTransaction tx, (string Tenant, string Rule, string Entity) key)
    {
        if (!_journal.TryGetValue(tx, out var changes)) _journal[tx] = changes = [];
        foreach (var change in changes)
            if (change.Key == key) return;
        changes.Add((key, _states.TryGetValue(key, out var state) ? state.Copy() : null, _holding.ContainsKey(key)));
    }

    public void OnChange(IEntityTransaction transaction, EntityChange change)
    {
        if (change.Current is not { } current || AlarmEntity.IsAlarm(current) || !_rules.TryGetValue(change.Tenant, out var rules)) return;
        var types = (current[Members.Type] as JsonArray)?.Select(t => t!.GetValue<string>()).ToList() ?? [];
        foreach (var rule in rules)
        {
            if (!rule.Watches(change.EntityId, types)) continue;
            WatchState? state = null;
            WatchReading? trigger = null;
            for (var i = 0; i < rule.Conditions.Count; i++)
            {
                if (Reading(rule.Conditions[i], change.Previous, current, change.At) is not { } reading) continue;
                if (state is null) Touch(transaction, (change.Tenant, rule.Id, change.EntityId));
                state ??= StateOf(change.Tenant, rule, change.EntityId);
                state.Read(i, reading);
                if (trigger is null || rule.Conditions[i].Violated(reading, state.Previous[i])) trigger = reading;
            }
            if (state is not null) Evaluate(transaction, (change.Tenant, rule.Id, change.EntityId), rule, state, current, trigger!);
        }
    }

    private WatchState StateOf(string tenant, WatchRule rule, string entityId)
    {
        var key = (tenant, rule.Id, entityId);
        if (_states.TryGetValue(key, out var state) && ReferenceEquals(state.Rule, rule)) return state;
        // New, or kept for an earlier version of the rule (or restored at start): count afresh, keep the open alarm.
        return _states[key] = new WatchState(rule) { AlarmId = state?.AlarmId };
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

    private void Evaluate(IEntityTransaction tx, (string Tenant, string Rule, string Entity) key, WatchRule rule, WatchState state, JsonObject current,
        WatchReading trigger)
    {
        if (state.AlarmId is { } open)
        {
            // A raised alarm stays while its condition holds short of the hysteresis.
            if (rule.Condition.Holds(c => Verdict(rule, state, c, strict: false))) return;
            entities().AppendWithin(tx, open, AlarmEntity.Step(AlarmEntity.Cleared, "watch:" + rule.Id, time.GetUtcNow(), null));
            Reset(key, state);
            return;
        }
        if (!rule.Condition.Holds(c => Verdict(rule, state, c, strict: true)))
        {
            Reset(key, state);
            return;
        }
        state.Consecutive++;
        state.HoldingSince ??= trigger.At;
        if (state.Consecutive >= rule.Readings && trigger.At - state.HoldingSince >= rule.HoldFor)
        {
            state.AlarmId = OpenAlarm(tx, rule, key.Entity) ?? Raise(tx, rule, key.Entity, current, state, trigger);
            _holding.TryRemove(key, out _);
        }
        else if (rule.HoldFor > TimeSpan.Zero)
        {
            _holding.TryAdd(key, 0);
        }
    }

    /// <summary>
    /// A simple condition's verdict on its latest reading: violated (<paramref name="strict"/>), or not yet recovered past
    /// its hysteresis. A condition without a reading is neither.
    /// </summary>
    private static bool Verdict(WatchRule rule, WatchState state, WatchCondition condition, bool strict)
    {
        var i = IndexOf(rule, condition);
        if (state.Last[i] is not { } reading) return false;
        return strict ? condition.Violated(reading, state.Previous[i]) : !condition.Recovered(reading, state.Previous[i]);
    }

    private static int IndexOf(WatchRule rule, WatchCondition condition)
    {
        for (var i = 0; i < rule.Conditions.Count; i++)
            if (ReferenceEquals(rule.Conditions[i], condition)) return i;
        throw new InvalidOperationException($"The condition is not one of rule {rule.Id}'s.");
    }

    private string Raise(IEntityTransaction tx, WatchRule rule, string entityId, JsonObject source, WatchState state, WatchReading trigger)
    {
        var description = string.Join(rule.Condition is CombinedCondition { All: false } ? " or " : " and ",
            rule.Condition.Describe(c => Verdict(rule, state, c, strict: true), c => state.Last[IndexOf(rule, c)]));
        return Raise(tx, rule, entityId, source, trigger, description);
    }

    private string Raise(IEntityTransaction tx, WatchRule rule, string entityId, JsonObject source, WatchReading trigger, string description)
    {
        var body = AlarmEntity.Raise(rule, entityId, source, trigger, description, time.GetUtcNow());
        entities().CreateWithin(tx, body);
        return body["id"]!.GetValue<string>();
    }

    private void Reset((string Tenant, string Rule, string Entity) key, WatchState state)
    {
        state.AlarmId = null;
        state.Consecutive = 0;
        state.HoldingSince = null;
        _holding.TryRemove(key, out _);
    }

    /// <summary>An alarm cleared by hand (in <paramref name="tx"/>): the rule may raise a new one when its condition holds again.</summary>
    public void Forget(IEntityTransaction tx, string tenant, string alarmId)
    {
        foreach (var (key, state) in _states)
            if (key.Tenant == tenant && state.AlarmId == alarmId)
            {
                Touch(tx, key);
                Reset(key, state);
            }
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
                    _states[(tenant, AlarmEntity.Text(alarm, "watchRule")!, AlarmEntity.Text(alarm, "alertSource") ?? "")] = new WatchState(null)
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
            foreach (var rule in rules)
            {
                if (rule.Staleness is not { } condition) continue;
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
                        Touch(tx, (tenant, rule.Id, id));
                        var state = StateOf(tenant, rule, id);
                        if (state.AlarmId is not null || tx.Get(id) is not { } fresh || LastReading(fresh, name) is not { } last || !condition.SilentAt(last, now)) continue;
                        var reading = new WatchReading(null, null, last);
                        if ((state.AlarmId = OpenAlarm(tx, rule, id)) is not null) continue;
                        state.AlarmId = Raise(tx, rule, id, fresh, reading, condition.Describe(reading));
                        count++;
                    }
                    return count;
                }, cancellation);
            }
        }
        return raised;
    }

    /// <summary>
    /// Raises the alarms of conditions that still hold and have now held for their rule's <c>for</c> period, measured by
    /// the clock from the reading that started them: a sensor that reports only on change sends no further reading.
    /// </summary>
    public async Task<int> CheckHeldAsync(CancellationToken cancellation)
    {
        var raised = 0;
        foreach (var tenant in _holding.Keys.Select(k => k.Tenant).Distinct(StringComparer.Ordinal).ToList())
        {
            raised += await entities().WriteAsync(tenant, tx =>
            {
                var now = time.GetUtcNow();
                var count = 0;
                foreach (var key in _holding.Keys.Where(k => k.Tenant == tenant).ToList())
                {
                    if (!_states.TryGetValue(key, out var state) || state.Rule is not { } rule || state.AlarmId is not null || state.HoldingSince is not { } since
                        || !RulesOf(tenant).Any(r => ReferenceEquals(r, rule)))
                    {
                        _holding.TryRemove(key, out _);
                        continue;
                    }
                    if (state.Consecutive < rule.Readings || now - since < rule.HoldFor) continue;
                    Touch(tx, key);
                    _holding.TryRemove(key, out _);
                    if (!rule.Condition.Holds(c => Verdict(rule, state, c, strict: true)) || tx.Get(key.Entity) is not { } source) continue;
                    var trigger = state.Last.OfType<WatchReading>().MaxBy(r => r.At)!;
                    if ((state.AlarmId = OpenAlarm(tx, rule, key.Entity)) is not null) continue;
                    state.AlarmId = Raise(tx, rule, key.Entity, source, state, trigger);
                    count++;
                }
                return count;
            }, cancellation);
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
