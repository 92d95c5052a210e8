using Stadtkern.Errors;
using Stadtkern.Store;

namespace Stadtkern.Ingest.Mapping;

/// <summary>
/// The mapping rules in force: those from configuration and those stored over the API, kept in precedence order so that
/// a topic goes to exactly one rule — the most specific pattern (<see cref="TopicPattern.Specificity"/>), then the lower id
/// (ordinal). A change is stored first and in force for the next message.
/// </summary>
public sealed class MappingRules
{
    private readonly IMappingRuleStore _store;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<MappingRule> _configured;
    private readonly SerialChanges _changes = new();
    private IReadOnlyList<MappingRule> _rules;

    /// <summary>Checks the configured rules; an invalid one stops the start with its position and reason.</summary>
    public MappingRules(IMappingRuleStore store, IEnumerable<MappingRuleDocument> configured, TimeProvider time)
    {
        _store = store;
        _time = time;
        _configured = configured.Select((document, i) =>
        {
            try
            {
                return MappingRule.Compile(document, MappingOrigin.Config);
            }
            catch (NgsiLdException e)
            {
                throw new InvalidOperationException($"{StadtkernOptions.Section}:MqttMappings:{i}: {e.Detail}", e);
            }
        }).ToList();
        var duplicate = _configured.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"{StadtkernOptions.Section}:MqttMappings names the rule '{duplicate.Key}' twice.");
        _rules = Ordered(_configured);
    }

    /// <summary>Raised after the rules in force changed (loaded, created, replaced or deleted).</summary>
    public event Action? Changed;

    /// <summary>Every rule, in precedence order.</summary>
    public IReadOnlyList<MappingRule> All => _rules;

    /// <summary>Reads the stored rules (at start). A stored rule that no longer passes the checks is left out and returned with its reason.</summary>
    public async Task<IReadOnlyList<(string Id, string Reason)>> LoadAsync(CancellationToken cancellation)
    {
        var skipped = new List<(string, string)>();
        var stored = new List<MappingRule>();
        foreach (var rule in await _store.ListMappingRulesAsync(cancellation))
        {
            try
            {
                stored.Add(MappingRule.Compile(MappingRuleDocument.Read(rule.Document), MappingOrigin.Api));
            }
            catch (NgsiLdException e)
            {
                skipped.Add((rule.Id, e.Detail));
            }
        }
        _rules = Ordered(_configured.Concat(stored.Where(s => Find(_configured, s.Id) is null)));
        Changed?.Invoke();
        return skipped;
    }

    /// <summary>Reads the stored rules again, in turn with this node's own changes (another node changed them).</summary>
    public Task<IReadOnlyList<(string Id, string Reason)>> ReloadAsync(CancellationToken cancellation) => _changes.RunAsync(() => LoadAsync(cancellation));

    public MappingRule Get(string id) => Find(_rules, id) ?? throw NgsiLdException.NotFound($"Mapping rule {id} was not found.");

    /// <summary>The rule that takes a topic, with the segments it captured; null when none does.</summary>
    public (MappingRule Rule, IReadOnlyDictionary<string, string> Captures)? Match(string topic)
    {
        foreach (var rule in _rules)
            if (rule.Pattern.Match(topic) is { } captures) return (rule, captures);
        return null;
    }

    public Task<MappingRule> CreateAsync(MappingRuleDocument document, CancellationToken cancellation) =>
        ChangeAsync(async () =>
        {
            var rule = MappingRule.Compile(document, MappingOrigin.Api);
            if (Find(_rules, rule.Id) is { } existing)
                throw new NgsiLdException(ErrorType.AlreadyExists, $"Mapping rule {rule.Id} already exists{(existing.Origin == MappingOrigin.Config ? " (in configuration)" : "")}.");
            var now = _time.GetUtcNow();
            await _store.CreateMappingRuleAsync(new StoredMappingRule(rule.Id, document.ToJson(), now, now), cancellation);
            _rules = Ordered(_rules.Append(rule));
            return rule;
        });

    public Task<MappingRule> ReplaceAsync(string id, MappingRuleDocument document, CancellationToken cancellation) =>
        ChangeAsync(async () =>
        {
            Changeable(id);
            if (document.Id is not null && document.Id != id) throw NgsiLdException.BadData($"The rule's id '{document.Id}' differs from the id in the path '{id}'.");
            document.Id = id;
            var rule = MappingRule.Compile(document, MappingOrigin.Api);
            if (!await _store.ReplaceMappingRuleAsync(id, document.ToJson(), _time.GetUtcNow(), cancellation))
                throw NgsiLdException.NotFound($"Mapping rule {id} was not found.");
            _rules = Ordered(_rules.Where(r => r.Id != id).Append(rule));
            return rule;
        });

    public Task DeleteAsync(string id, CancellationToken cancellation) =>
        ChangeAsync(async () =>
        {
            Changeable(id);
            await _store.DeleteMappingRuleAsync(id, cancellation);
            _rules = Ordered(_rules.Where(r => r.Id != id));
            return true;
        });

    /// <summary>Changes are serialised so that the rules in force always equal what is stored.</summary>
    private Task<T> ChangeAsync<T>(Func<Task<T>> change) => _changes.RunAsync(async () =>
    {
        var result = await change();
        Changed?.Invoke();
        return result;
    });

    private void Changeable(string id)
    {
        if (Get(id).Origin == MappingOrigin.Config)
            throw new NgsiLdException(ErrorType.OperationNotSupported,
                $"Mapping rule {id} is given in configuration ({StadtkernOptions.Section}:MqttMappings) and is read-only over the API; change it there.");
    }

    private static MappingRule? Find(IEnumerable<MappingRule> rules, string id) => rules.FirstOrDefault(r => r.Id == id);

    private static List<MappingRule> Ordered(IEnumerable<MappingRule> rules) =>
        rules.OrderByDescending(r => r.Pattern.Specificity).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
}
