using Stadtkern.Broker;
using Stadtkern.Store;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>
/// The base of the storage contract suites (in the manner of Npgsql's specification tests): every test is written once
/// against the storage interfaces, and each backend runs it through a derived class with its own fixture. A test opens its
/// stores through <see cref="OpenAsync"/> and works on a tenant of its own.
/// </summary>
public abstract class StoreContract<TBackend>(TBackend backend) : IClassFixture<TBackend>, IAsyncLifetime where TBackend : StoreBackend, new()
{
    protected static readonly CancellationToken None = CancellationToken.None;
    protected const string Vocab = "https://uri.etsi.org/ngsi-ld/default-context/";
    private readonly List<IEntityStore> _opened = [];
    private readonly List<StoreBackend> _alone = [];

    protected TBackend Backend { get; } = backend;

    /// <summary>A tenant no other test uses.</summary>
    protected string Tenant { get; } = $"tenant-{Guid.NewGuid():N}";

    protected async Task<IEntityStore> OpenAsync()
    {
        var store = await Backend.OpenAsync();
        _opened.Add(store);
        return store;
    }

    /// <summary>Opens a store on a place of its own (a new folder, a new database), for tests of what is global to a store, such as retention.</summary>
    protected async Task<IEntityStore> OpenAloneAsync()
    {
        var backend = new TBackend();
        _alone.Add(backend);
        var store = await backend.OpenAsync();
        _opened.Add(store);
        return store;
    }

    /// <summary>Closes a store (a clean shutdown) and opens a new one on the same place.</summary>
    protected async Task<IEntityStore> ReopenAsync(IEntityStore store)
    {
        _opened.Remove(store);
        await store.DisposeAsync();
        return await OpenAsync();
    }

    protected static EntityService Service(IEntityStore store) => new(store, new StadtkernOptions(), TimeProvider.System, []);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
        foreach (var backend in _alone) await backend.DisposeAsync();
    }
}
