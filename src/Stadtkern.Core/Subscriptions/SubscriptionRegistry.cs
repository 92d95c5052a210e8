using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;

namespace Stadtkern.Subscriptions;

/// <summary>
/// Every subscription of every tenant, compiled and kept in memory, so that matching a change costs no store read.
/// Loaded at start; <see cref="SubscriptionService"/> keeps it in step with each subscription write.
/// </summary>
public sealed partial class SubscriptionRegistry(ISubscriptionStore store, ContextResolver resolver, DeliveryStatusBoard board, NotificationSignal signal, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Tenant, string Id), CompiledSubscription> _all = [];
    private readonly Dictionary<(string Tenant, string Id), StoredSubscription> _unresolved = [];
    private readonly ConcurrentDictionary<(string Tenant, string Id), DateTimeOffset> _lastQueued = new();

    /// <summary>Per tenant, the active subscriptions that changes trigger (not the periodic ones); replaced whole on every subscription write.</summary>
    private volatile FrozenDictionary<string, CompiledSubscription[]> _triggered = FrozenDictionary<string, CompiledSubscription[]>.Empty;

    private volatile CompiledSubscription[] _periodic = [];

    /// <summary>Reads every stored subscription. One whose @context cannot be had now is kept aside and retried (<see cref="RetryUnresolvedAsync"/>).</summary>
    public async Task LoadAsync(CancellationToken cancellation)
    {
        var resolve = Memoized(cancellation);
        foreach (var stored in await store.AllSubscriptionsAsync(cancellation))
        {
            board.Seed(stored.Tenant, stored.Id, stored.Status);
            if (stored.Status.LastNotification is { } last) _lastQueued[(stored.Tenant, stored.Id)] = last;
            await TryCompileAsync(stored, resolve);
        }
        Rebuild();
    }

    /// <summary>
    /// Resolves each distinct context once per round, failures included: many subscriptions naming one remote context
    /// that is down then cost one fetch time-out, not one each.
    /// </summary>
    private Func<JsonNode?, ValueTask<JsonLdContext>> Memoized(CancellationToken cancellation)
    {
        var resolved = new Dictionary<string, Task<JsonLdContext>>(StringComparer.Ordinal);
        return context =>
        {
            var key = context?.ToJsonString() ?? "";
            if (!resolved.TryGetValue(key, out var task)) resolved[key] = task = resolver.ResolveAsync(context, cancellation).AsTask();
            return new ValueTask<JsonLdContext>(task);
        };
    }

    /// <summary>Tries again to compile the subscriptions whose contexts could not be resolved; returns those still failing.</summary>
    public async Task<IReadOnlyList<(string Tenant, string Id, string Reason)>> RetryUnresolvedAsync(CancellationToken cancellation)
    {
        List<StoredSubscription> pending;
        lock (_lock) pending = [.. _unresolved.Values];
        var failing = new List<(string, string, string)>();
        var resolve = Memoized(cancellation);
        foreach (var stored in pending)
            if (await TryCompileAsync(stored, resolve) is { } reason) failing.Add((stored.Tenant, stored.Id, reason));
        if (pending.Count > 0) Rebuild();
        return failing;
    }

    private async Task<string?> TryCompileAsync(StoredSubscription stored, Func<JsonNode?, ValueTask<JsonLdContext>> resolve)
    {
        try
        {
            var compiled = await CompiledSubscription.CompileAsync(stored.Tenant, stored.Document, resolve, strict: false);
            lock (_lock)
            {
                _unresolved.Remove((stored.Tenant, stored.Id));
                _all[(stored.Tenant, stored.Id)] = compiled;
            }
            return null;
        }
        catch (NgsiLdException e)
        {
            lock (_lock) _unresolved[(stored.Tenant, stored.Id)] = stored;
            return e.Detail;
        }
    }

    /// <summary>Adds or replaces a subscription.</summary>
    public void Put(CompiledSubscription subscription)
    {
        lock (_lock)
        {
            _unresolved.Remove((subscription.Tenant, subscription.Model.Id));
            _all[(subscription.Tenant, subscription.Model.Id)] = subscription;
        }
        Rebuild();
    }

    public void Remove(string tenant, string id)
    {
        lock (_lock)
        {
            _unresolved.Remove((tenant, id));
            _all.Remove((tenant, id));
        }
        _lastQueued.TryRemove((tenant, id), out _);
        Rebuild();
    }

    public CompiledSubscription? Find(string tenant, string id)
    {
        lock (_lock) return _all.GetValueOrDefault((tenant, id));
    }

    /// <summary>Whether the subscription exists (compiled or waiting for its context); deliveries of deleted ones are dropped.</summary>
    public bool Contains(string tenant, string id)
    {
        lock (_lock) return _all.ContainsKey((tenant, id)) || _unresolved.ContainsKey((tenant, id));
    }

    /// <summary>The subscriptions with a timeInterval.</summary>
    public IReadOnlyList<CompiledSubscription> Periodic => _periodic;

    private void Rebuild()
    {
        lock (_lock)
        {
            _triggered = _all.Values.Where(s => s.Model.TimeInterval is null && s.Model.IsActive)
                .GroupBy(s => s.Tenant, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            _periodic = _all.Values.Where(s => s.Model.TimeInterval is not null).ToArray();
        }
    }

    /// <summary>Throttling (clause 5.2.12): true when the subscription notified less than <c>throttling</c> seconds ago; otherwise records this notification.</summary>
    private bool Throttled(CompiledSubscription subscription, DateTimeOffset now)
    {
        if (subscription.Model.Throttling is not { } seconds) return false;
        var key = (subscription.Tenant, subscription.Model.Id);
        if (_lastQueued.TryGetValue(key, out var last) && now - last < TimeSpan.FromSeconds(seconds)) return true;
        _lastQueued[key] = now;
        return false;
    }
}
