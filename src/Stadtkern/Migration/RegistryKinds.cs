using System.Text.Json.Nodes;
using Stadtkern.Anonymisation;
using Stadtkern.Store;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Migration;

/// <summary>The subscriptions with their delivery state and system dates.</summary>
internal sealed class SubscriptionsKind : ListedKind<StoredSubscription>
{
    public override string Name => "subscriptions";

    protected override Task<IReadOnlyList<StoredSubscription>> ListAsync(IEntityStore store, CancellationToken cancellation) =>
        As<ISubscriptionStore>(store).AllSubscriptionsAsync(cancellation);

    protected override async Task AddAsync(IEntityStore store, StoredSubscription item, CancellationToken cancellation)
    {
        await As<ISubscriptionStore>(store).CreateSubscriptionAsync(item, cancellation);
        await As<ISubscriptionStore>(store).SaveDeliveryStatusAsync([(item.Tenant, item.Id, item.Status)], cancellation);
    }

    protected override object?[] Fields(StoredSubscription s) =>
        [s.Tenant, s.Id, s.Document, s.Status.TimesSent, s.Status.TimesFailed, s.Status.LastNotification, s.Status.LastSuccess, s.Status.LastFailure,
         s.Status.Status, s.CreatedAt, s.ModifiedAt];
}

/// <summary>Hosted and cached @contexts.</summary>
internal sealed class ContextsKind : ListedKind<HostedContext>
{
    public override string Name => "contexts";

    protected override Task<IReadOnlyList<HostedContext>> ListAsync(IEntityStore store, CancellationToken cancellation) =>
        As<IContextRegistry>(store).ListAsync(cancellation);

    protected override Task AddAsync(IEntityStore store, HostedContext item, CancellationToken cancellation) =>
        As<IContextRegistry>(store).AddAsync(item, cancellation);

    protected override object?[] Fields(HostedContext c) => [c.Id, c.Url, c.Document, c.CreatedAt, c.Kind];
}

/// <summary>The MQTT mapping rules stored over the API.</summary>
internal sealed class MappingRulesKind : ListedKind<StoredMappingRule>
{
    public override string Name => "mapping rules";

    protected override Task<IReadOnlyList<StoredMappingRule>> ListAsync(IEntityStore store, CancellationToken cancellation) =>
        As<IMappingRuleStore>(store).ListMappingRulesAsync(cancellation);

    protected override Task AddAsync(IEntityStore store, StoredMappingRule item, CancellationToken cancellation) =>
        As<IMappingRuleStore>(store).CreateMappingRuleAsync(item, cancellation);

    protected override object?[] Fields(StoredMappingRule r) => [r.Id, r.Document, r.CreatedAt, r.ModifiedAt];
}

/// <summary>The watch rules stored over the API (their store gives no creation time back, so the copy's is the time of copying).</summary>
internal sealed class WatchRulesKind(TimeProvider time) : ListedKind<(string Tenant, JsonObject Document)>
{
    public override string Name => "watch rules";

    protected override Task<IReadOnlyList<(string Tenant, JsonObject Document)>> ListAsync(IEntityStore store, CancellationToken cancellation) =>
        As<IWatchRuleStore>(store).ListWatchRulesAsync(cancellation);

    protected override Task AddAsync(IEntityStore store, (string Tenant, JsonObject Document) item, CancellationToken cancellation) =>
        As<IWatchRuleStore>(store).PutWatchRuleAsync(item.Tenant, item.Document["id"]!.GetValue<string>(), item.Document, time.GetUtcNow(), cancellation);

    protected override object?[] Fields((string Tenant, JsonObject Document) item) => [item.Tenant, item.Document];
}

/// <summary>Each tenant's pseudonym secrets, added in version order so that the versions stay the same.</summary>
internal sealed class PseudonymKeysKind(TimeProvider time) : ListedKind<(string Tenant, PseudonymKey Key)>
{
    public override string Name => "pseudonym keys";

    protected override async Task<IReadOnlyList<(string Tenant, PseudonymKey Key)>> ListAsync(IEntityStore store, CancellationToken cancellation)
    {
        var keys = new List<(string, PseudonymKey)>();
        foreach (var tenant in await store.TenantsAsync(cancellation))
            keys.AddRange((await As<IPseudonymKeyStore>(store).PseudonymKeysAsync(tenant, cancellation)).OrderBy(k => k.Version).Select(k => (tenant, k)));
        return keys;
    }

    protected override Task AddAsync(IEntityStore store, (string Tenant, PseudonymKey Key) item, CancellationToken cancellation) =>
        As<IPseudonymKeyStore>(store).AddPseudonymKeyAsync(item.Tenant, item.Key.Secret, time.GetUtcNow(), cancellation);

    protected override object?[] Fields((string Tenant, PseudonymKey Key) item) => [item.Tenant, item.Key.Version, item.Key.Secret];
}
