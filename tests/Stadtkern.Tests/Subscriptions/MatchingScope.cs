using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Stadtkern.Broker;
using Stadtkern.JsonLd;
using Stadtkern.Subscriptions;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>
/// The entity service on a real store with the subscription registry as its change observer, and no delivery: what a
/// change puts in the outbox can be read back exactly, so tests can also show that something is not notified.
/// </summary>
public sealed class MatchingScope : IAsyncDisposable
{
    private readonly StoreScope _store;
    private readonly ContextResolver _resolver;

    private MatchingScope(StoreScope store)
    {
        _store = store;
        _resolver = new ContextResolver(new HttpClient(), new MemoryContextRegistry(), new StadtkernOptions(), Time);
        Registry = new SubscriptionRegistry(store.Store, _resolver, new DeliveryStatusBoard(), new NotificationSignal(), Time);
        Entities = new EntityService(store.Store, new StadtkernOptions(), Time, [Registry]);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    public SubscriptionRegistry Registry { get; }

    public EntityService Entities { get; }

    public static async Task<MatchingScope> OpenAsync() => new(await StoreScope.OpenAsync());

    /// <summary>Adds a subscription (core context) to the registry and returns its id.</summary>
    public async Task<string> SubscribeAsync(string type, string members = "{}")
    {
        var body = SubscriptionKit.Subscription(SubscriptionKit.NewId(), type, "http://127.0.0.1:9/notify", members);
        var document = SubscriptionReader.ReadNew(body, JsonLdContext.Core, null);
        document[SubscriptionMembers.JsonldContext] = ContextResolver.CoreContextUrl;
        Registry.Put(await CompiledSubscription.CompileAsync("", document, _resolver, CancellationToken.None));
        return document[SubscriptionMembers.Id]!.GetValue<string>();
    }

    public Task CreateAsync(string json) => Entities.CreateAsync("", TestData.Parse(json), JsonLdContext.Core, CancellationToken.None);

    /// <summary>The notification bodies the subscription has in the outbox, oldest first.</summary>
    public async Task<IReadOnlyList<JsonObject>> NotificationsAsync(string subscription) =>
        (await _store.Store.ReadOutboxAsync("", subscription, 0, 1000, CancellationToken.None)).Select(e => (JsonObject)JsonNode.Parse(e.Message.Body)!).ToList();

    /// <summary>The single entity of the subscription's only notification.</summary>
    public async Task<JsonObject> OnlyEntityAsync(string subscription)
    {
        var notification = Assert.Single(await NotificationsAsync(subscription));
        return (JsonObject)Assert.Single(notification["data"]!.AsArray())!;
    }

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();
}
