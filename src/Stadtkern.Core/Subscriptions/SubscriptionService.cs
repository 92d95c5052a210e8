using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;

namespace Stadtkern.Subscriptions;

/// <summary>
/// Creates, reads, updates and deletes subscriptions (clause 5.8): checks what needs the clock and the contexts, writes
/// the store, and keeps the in-memory registry in step. Subscription writes are serialised, so the registry sees them
/// in the order the store does.
/// </summary>
public sealed class SubscriptionService(ISubscriptionStore store, SubscriptionRegistry registry, DeliveryStatusBoard board,
    ContextResolver resolver, StadtkernOptions options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _writes = new(1, 1);

    public async Task<bool> ExistsAsync(string tenant, string id, CancellationToken cancellation) =>
        await store.GetSubscriptionAsync(tenant, id, cancellation) is not null;

    /// <summary>Stores a subscription read by <see cref="SubscriptionReader.ReadNew"/>; its contexts must resolve (else 503).</summary>
    public async Task CreateAsync(string tenant, JsonObject document, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        CheckExpiry(document, now);
        var compiled = await CompiledSubscription.CompileAsync(tenant, document, resolver, cancellation);
        await _writes.WaitAsync(cancellation);
        try
        {
            await store.CreateSubscriptionAsync(new StoredSubscription(tenant, compiled.Model.Id, document, DeliveryStatus.None, now, now), cancellation);
            board.Forget(tenant, compiled.Model.Id);
            registry.Put(compiled);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<SubscriptionView> GetAsync(string tenant, string id, CancellationToken cancellation)
    {
        RequireUri(id);
        var stored = await store.GetSubscriptionAsync(tenant, id, cancellation) ?? throw NotFound(id);
        return View(stored);
    }

    public async Task<SubscriptionListing> QueryAsync(string tenant, int? limit, int? offset, bool count, CancellationToken cancellation)
    {
        var size = limit ?? options.DefaultPageSize;
        if (size < 0 || offset < 0) throw NgsiLdException.BadData("limit and offset must not be negative.");
        if (size > options.MaxPageSize)
            throw new NgsiLdException(ErrorType.TooManyResults, $"limit {size} is above the maximum page size {options.MaxPageSize}.");
        if (size == 0 && !count) throw NgsiLdException.BadData("limit=0 is only allowed together with count=true.");
        // The total is always read: the page links (prev, next) need it, whether or not the client asked for the count.
        var page = await store.ListSubscriptionsAsync(tenant, offset ?? 0, size, true, cancellation);
        return new SubscriptionListing(page.Subscriptions.Select(View).ToList(), offset ?? 0, size, page.Total ?? 0);
    }

    /// <summary>Applies an update fragment (PATCH); an expiresAt in the past is refused, a future one makes an expired subscription active again.</summary>
    public async Task UpdateAsync(string tenant, string id, JsonObject fragment, JsonLdContext context, JsonNode? termsContext, CancellationToken cancellation)
    {
        RequireUri(id);
        await _writes.WaitAsync(cancellation);
        try
        {
            var stored = await store.GetSubscriptionAsync(tenant, id, cancellation) ?? throw NotFound(id);
            var updated = SubscriptionReader.ApplyFragment(stored.Document, fragment, context, termsContext);
            var now = time.GetUtcNow();
            if (fragment.ContainsKey(SubscriptionMembers.ExpiresAt)) CheckExpiry(updated, now);
            var compiled = await CompiledSubscription.CompileAsync(tenant, updated, resolver, cancellation);
            if (!await store.ReplaceSubscriptionAsync(tenant, id, updated, now, cancellation)) throw NotFound(id);
            registry.Put(compiled);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task DeleteAsync(string tenant, string id, CancellationToken cancellation)
    {
        RequireUri(id);
        await _writes.WaitAsync(cancellation);
        try
        {
            if (!await store.DeleteSubscriptionAsync(tenant, id, cancellation)) throw NotFound(id);
            registry.Remove(tenant, id);
            board.Forget(tenant, id);
        }
        finally
        {
            _writes.Release();
        }
    }

    private SubscriptionView View(StoredSubscription stored)
    {
        var model = registry.Find(stored.Tenant, stored.Id)?.Model ?? SubscriptionDocument.ToModel(stored.Document);
        return new SubscriptionView(stored, board.Get(stored.Tenant, stored.Id, stored.Status), model.StateAt(time.GetUtcNow()));
    }

    private static void CheckExpiry(JsonObject document, DateTimeOffset now)
    {
        if (document[SubscriptionMembers.ExpiresAt] is JsonValue expires && Validation.TryParseDateTime(expires.GetValue<string>(), out var at) && at <= now)
            throw NgsiLdException.BadData($"expiresAt {expires.GetValue<string>()} is not in the future.");
    }

    private static void RequireUri(string id)
    {
        if (!Validation.IsUri(id)) throw NgsiLdException.BadData($"'{id}' is not a valid subscription id (a URI is required).");
    }

    private static NgsiLdException NotFound(string id) => NgsiLdException.NotFound($"Subscription {id} was not found.");

    public void Dispose() => _writes.Dispose();
}
