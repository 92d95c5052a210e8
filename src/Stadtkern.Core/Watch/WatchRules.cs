using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Store;

namespace Stadtkern.Watch;

/// <summary>
/// The watch rules in force per tenant: those of the rules file (read-only) and those stored over the API. A change is
/// stored first and in force for the next reading.
/// </summary>
public sealed class WatchRules(IWatchRuleStore store, WatchEngine engine, TimeProvider time)
{
    private readonly SerialChanges _changes = new();
    private Dictionary<string, List<WatchRule>> _configured = [];
    private Dictionary<string, List<WatchRule>> _stored = [];

    /// <summary>Reads the rules file (a JSON array of rules, each with an optional <c>tenant</c>) and the stored rules; a bad file stops the start.</summary>
    public async Task LoadAsync(string? rulesFile, CancellationToken cancellation)
    {
        if (!string.IsNullOrEmpty(rulesFile))
        {
            var text = await File.ReadAllTextAsync(rulesFile, cancellation);
            if (JsonNode.Parse(text) is not JsonArray documents) throw new InvalidOperationException($"The watch rules file {rulesFile} must hold a JSON array of rules.");
            _configured = Group(documents.Select((d, i) =>
            {
                try
                {
                    var document = d as JsonObject ?? throw NgsiLdException.BadData("a rule must be a JSON object");
                    return (Tenant(document), WatchRule.Read(document));
                }
                catch (NgsiLdException e)
                {
                    throw new InvalidOperationException($"The watch rules file {rulesFile}, rule {i}: {e.Detail}", e);
                }
            }));
        }
        await ReadStoredAsync(cancellation);
    }

    /// <summary>Reads the stored rules again, in turn with this node's own changes (another node changed them).</summary>
    public Task ReloadStoredAsync(CancellationToken cancellation) => ChangeAsync(async () =>
    {
        await ReadStoredAsync(cancellation);
        return true;
    });

    private async Task ReadStoredAsync(CancellationToken cancellation)
    {
        var before = _stored.Keys.ToList();
        _stored = Group((await store.ListWatchRulesAsync(cancellation)).Select(r => (r.Tenant, WatchRule.Read(r.Document))));
        foreach (var tenant in _configured.Keys.Union(_stored.Keys).Union(before)) Publish(tenant);
    }

    private static string Tenant(JsonObject document) => document["tenant"]?.GetValue<string>() is { } t && t != "default" ? t : "";

    private static Dictionary<string, List<WatchRule>> Group(IEnumerable<(string Tenant, WatchRule Rule)> rules) =>
        rules.GroupBy(r => r.Tenant).ToDictionary(g => g.Key, g => g.Select(r => r.Rule).ToList());

    public IReadOnlyList<(WatchRule Rule, bool ReadOnly)> List(string tenant) =>
        Of(_configured, tenant).Select(r => (r, true)).Concat(Of(_stored, tenant).Select(r => (r, false))).ToList();

    public (WatchRule Rule, bool ReadOnly) Get(string tenant, string id) =>
        List(tenant).FirstOrDefault(r => r.Rule.Id == id) is { Rule: not null } found ? found : throw NgsiLdException.NotFound($"Watch rule {id} was not found.");

    /// <summary>Creates (<paramref name="replace"/> false) or replaces a stored rule.</summary>
    public Task<WatchRule> PutAsync(string tenant, JsonObject document, bool replace, string? id, CancellationToken cancellation) =>
        ChangeAsync(async () =>
        {
            if (id is not null)
            {
                if (document["id"] is { } given && given.GetValue<string>() != id) throw NgsiLdException.BadData($"The rule's id differs from the id in the path '{id}'.");
                document["id"] = id;
            }
            document.Remove("tenant");
            var rule = WatchRule.Read(document);
            var existing = List(tenant).FirstOrDefault(r => r.Rule.Id == rule.Id);
            if (existing.Rule is not null && existing.ReadOnly)
                throw new NgsiLdException(ErrorType.OperationNotSupported, $"Watch rule {rule.Id} is given in the rules file and is read-only over the API.");
            if (!replace && existing.Rule is not null) throw new NgsiLdException(ErrorType.AlreadyExists, $"Watch rule {rule.Id} already exists.");
            if (replace && existing.Rule is null) throw NgsiLdException.NotFound($"Watch rule {rule.Id} was not found.");
            await store.PutWatchRuleAsync(tenant, rule.Id, rule.Document, time.GetUtcNow(), cancellation);
            _stored[tenant] = Of(_stored, tenant).Where(r => r.Id != rule.Id).Append(rule).ToList();
            Publish(tenant);
            return rule;
        });

    public Task DeleteAsync(string tenant, string id, CancellationToken cancellation) =>
        ChangeAsync(async () =>
        {
            if (Get(tenant, id).ReadOnly) throw new NgsiLdException(ErrorType.OperationNotSupported, $"Watch rule {id} is given in the rules file and is read-only over the API.");
            await store.DeleteWatchRuleAsync(tenant, id, cancellation);
            _stored[tenant] = Of(_stored, tenant).Where(r => r.Id != id).ToList();
            Publish(tenant);
            return true;
        });

    private static List<WatchRule> Of(Dictionary<string, List<WatchRule>> rules, string tenant) => rules.TryGetValue(tenant, out var list) ? list : [];

    private void Publish(string tenant) => engine.SetRules(tenant, Of(_configured, tenant).Concat(Of(_stored, tenant)));

    private Task<T> ChangeAsync<T>(Func<Task<T>> change) => _changes.RunAsync(change);
}
