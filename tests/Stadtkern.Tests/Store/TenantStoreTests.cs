using Stadtkern.Store;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store;

/// <summary>Tenant isolation at the store level: reads, queries (including the location index), type statistics and deletes.</summary>
public sealed class TenantStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Vocab = "https://uri.etsi.org/ngsi-ld/default-context/";

    private static async Task<(StoreScope Scope, string Id)> SeedAsync()
    {
        var scope = await StoreScope.OpenAsync();
        var id = TestData.NewId();
        await scope.Store.WriteAsync("north", tx => { tx.Insert(WithLocation(StoreScope.Stored(id, "Lamp", 1))); return true; }, None);
        await scope.Store.WriteAsync("south", tx => { tx.Insert(WithLocation(StoreScope.Stored(id, "Bench", 2))); return true; }, None);
        return (scope, id);
    }

    private static System.Text.Json.Nodes.JsonObject WithLocation(System.Text.Json.Nodes.JsonObject entity)
    {
        entity["https://uri.etsi.org/ngsi-ld/location"] = new System.Text.Json.Nodes.JsonArray(TestData.Point(8.65, 49.87));
        return entity;
    }

    [Fact]
    public async Task The_same_id_holds_different_entities_per_tenant()
    {
        var (scope, id) = await SeedAsync();
        await using var _ = scope;

        Assert.Equal(Vocab + "Lamp", (await scope.Store.GetAsync("north", id, None))!["type"]![0]!.GetValue<string>());
        Assert.Equal(Vocab + "Bench", (await scope.Store.GetAsync("south", id, None))!["type"]![0]!.GetValue<string>());
        Assert.Null(await scope.Store.GetAsync("", id, None));
    }

    [Fact]
    public async Task Queries_by_type_and_by_location_stay_in_their_tenant()
    {
        var (scope, _) = await SeedAsync();
        await using var __ = scope;
        var box = new NetTopologySuite.Geometries.Envelope(8.6, 8.7, 49.8, 49.9);

        var north = await scope.Store.QueryAsync(new EntityQuery("north") { LocationBox = box, Count = true }, None);
        var lampsInSouth = await scope.Store.QueryAsync(new EntityQuery("south") { AnyOfTypes = [Vocab + "Lamp"], Count = true }, None);
        var defaultTenant = await scope.Store.QueryAsync(new EntityQuery("") { LocationBox = box, Count = true }, None);

        Assert.Equal(1, north.Total);
        Assert.Equal(0, lampsInSouth.Total);
        Assert.Equal(0, defaultTenant.Total);
    }

    [Fact]
    public async Task Type_statistics_are_per_tenant()
    {
        var (scope, _) = await SeedAsync();
        await using var __ = scope;

        Assert.Equal([Vocab + "Lamp"], (await scope.Store.TypesAsync("north", None)).Select(t => t.Type));
        Assert.Equal([Vocab + "Bench"], (await scope.Store.TypesAsync("south", None)).Select(t => t.Type));
        Assert.Contains(("north", Vocab + "Lamp", 1L), await scope.Store.CountsAsync(None));
        Assert.Equal(["north", "south"], (await scope.Store.TenantsAsync(None)).Order());
    }

    [Fact]
    public async Task Delete_in_one_tenant_leaves_the_other()
    {
        var (scope, id) = await SeedAsync();
        await using var __ = scope;

        Assert.True(await scope.Store.WriteAsync("north", tx => tx.Delete(id), None));

        Assert.Null(await scope.Store.GetAsync("north", id, None));
        Assert.NotNull(await scope.Store.GetAsync("south", id, None));
        Assert.Equal(1, (await scope.Store.QueryAsync(new EntityQuery("south") { LocationBox = new(8.6, 8.7, 49.8, 49.9), Count = true }, None)).Total);
    }

    [Fact]
    public async Task A_transaction_sees_only_its_own_tenant()
    {
        var (scope, id) = await SeedAsync();
        await using var __ = scope;

        var seen = await scope.Store.WriteAsync("elsewhere", tx => tx.Get(id), None);

        Assert.Null(seen);
    }
}
