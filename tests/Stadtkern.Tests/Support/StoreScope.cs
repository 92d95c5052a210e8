using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Sqlite;

namespace Stadtkern.Tests.Support;

/// <summary>A real <see cref="SqliteEntityStore"/> in a temp directory that tests can close and open again.</summary>
public sealed class StoreScope : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("store");

    private StoreScope()
    {
    }

    public SqliteEntityStore Store { get; private set; } = null!;

    public string DataDirectory => _directory.Path;

    public static async Task<StoreScope> OpenAsync()
    {
        var scope = new StoreScope();
        await scope.ReopenAsync(first: true);
        return scope;
    }

    /// <summary>Disposes the store (a clean shutdown) and opens a new one on the same files.</summary>
    public Task ReopenAsync() => ReopenAsync(first: false);

    private async Task ReopenAsync(bool first)
    {
        if (!first) await Store.DisposeAsync();
        Store = new SqliteEntityStore(_directory.Path);
        await Store.InitializeAsync(CancellationToken.None);
    }

    public EntityService Service(TimeProvider? time = null) => new(Store, new StadtkernOptions(), time ?? TimeProvider.System, []);

    /// <summary>An entity in stored form (names expanded) with a <c>temperature</c> Property.</summary>
    public static JsonObject Stored(string id, string type = "Thing", double temperature = 20) =>
        EntityReader.ReadEntity(TestData.Entity(id, type, temperature), JsonLdContext.Core);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _directory.Dispose();
    }
}
