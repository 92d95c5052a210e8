using System.Text.Json.Nodes;
using Stadtkern.Store;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>The current state: writes and their isolation, durability across a reopen, serialised read-modify-write, paging.</summary>
public abstract class EntityStoreContract<TBackend>(TBackend backend) : StoreContract<TBackend>(backend) where TBackend : StoreBackend, new()
{
    private static string Id(int i) => $"urn:ngsi-ld:Thing:{i:D3}";

    private static List<string> Ids(EntityPage page) => page.Entities.Select(e => e["id"]!.GetValue<string>()).ToList();

    private async Task<IEntityStore> FilledAsync(int count = 120)
    {
        var store = await OpenAsync();
        await store.WriteAsync(Tenant, tx =>
        {
            for (var i = 0; i < count; i++) tx.Insert(StoreScope.Stored(Id(i), i % 3 == 0 ? "Fizz" : "Other", i));
            return true;
        }, None);
        return store;
    }

    [SkippableFact]
    public async Task An_inserted_entity_reads_back_as_written_is_replaced_and_deleted()
    {
        var store = await OpenAsync();
        var entity = StoreScope.Stored(Id(1), "Thing", 21.5);
        await store.WriteAsync(Tenant, tx => { tx.Insert(entity); return true; }, None);
        Assert.True(JsonNode.DeepEquals(entity, await store.GetAsync(Tenant, Id(1), None)));

        var replaced = StoreScope.Stored(Id(1), "Other", 7);
        await store.WriteAsync(Tenant, tx => { tx.Replace(replaced); return true; }, None);
        Assert.True(JsonNode.DeepEquals(replaced, await store.GetAsync(Tenant, Id(1), None)));

        Assert.True(await store.WriteAsync(Tenant, tx => tx.Delete(Id(1)), None));
        Assert.False(await store.WriteAsync(Tenant, tx => tx.Delete(Id(1)), None));
        Assert.Null(await store.GetAsync(Tenant, Id(1), None));
    }

    [SkippableFact]
    public async Task Work_that_throws_keeps_nothing_and_the_error_reaches_the_caller()
    {
        var store = await OpenAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<bool>(Tenant, tx =>
        {
            tx.Insert(StoreScope.Stored(Id(1)));
            throw new InvalidOperationException("no");
        }, None));

        Assert.Equal("no", error.Message);
        Assert.Null(await store.GetAsync(Tenant, Id(1), None));
        await store.WriteAsync(Tenant, tx => { tx.Insert(StoreScope.Stored(Id(1))); return true; }, None);
        Assert.NotNull(await store.GetAsync(Tenant, Id(1), None));
    }

    [SkippableFact]
    public async Task A_committed_write_is_there_after_the_store_is_closed_and_opened_again()
    {
        var store = await OpenAsync();
        await store.WriteAsync(Tenant, tx => { tx.Insert(StoreScope.Stored(Id(7))); return true; }, None);

        store = await ReopenAsync(store);

        Assert.NotNull(await store.GetAsync(Tenant, Id(7), None));
    }

    [SkippableFact]
    public async Task Concurrent_read_modify_writes_of_one_entity_lose_no_update()
    {
        var store = await OpenAsync();
        await store.WriteAsync(Tenant, tx => { tx.Insert(StoreScope.Stored(Id(1), "Thing", 0)); return true; }, None);
        var temperature = Vocab + "temperature";

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => store.WriteAsync(Tenant, tx =>
        {
            var entity = tx.Get(Id(1))!;
            var value = entity[temperature]![0]!["value"]!.GetValue<double>();
            entity[temperature]![0]!["value"] = value + 1;
            tx.Replace(entity);
            return true;
        }, None))));

        var final = await store.GetAsync(Tenant, Id(1), None);
        Assert.Equal(40, final![temperature]![0]!["value"]!.GetValue<double>());
    }

    [SkippableFact]
    public async Task Tenants_are_isolated()
    {
        var store = await OpenAsync();
        var other = Tenant + "-other";
        await store.WriteAsync(Tenant, tx => { tx.Insert(StoreScope.Stored(Id(1), "Thing", 1)); return true; }, None);
        await store.WriteAsync(other, tx => { tx.Insert(StoreScope.Stored(Id(1), "Thing", 2)); tx.Insert(StoreScope.Stored(Id(2))); return true; }, None);

        Assert.Equal([Id(1)], Ids(await store.QueryAsync(new EntityQuery(Tenant) { Limit = 10 }, None)));
        Assert.Equal(1, (await store.GetAsync(Tenant, Id(1), None))![Vocab + "temperature"]![0]!["value"]!.GetValue<double>());
        Assert.True(await store.WriteAsync(other, tx => tx.Delete(Id(1)), None));
        Assert.NotNull(await store.GetAsync(Tenant, Id(1), None));
        Assert.Contains(Tenant, await store.TenantsAsync(None));
        Assert.Contains(other, await store.TenantsAsync(None));
    }

    [SkippableTheory]
    [InlineData(0, 7)]
    [InlineData(56, 7)]
    [InlineData(115, 7)]
    [InlineData(200, 7)]
    public async Task Unfiltered_pages_are_slices_in_insertion_order(int offset, int limit)
    {
        var store = await FilledAsync();

        var page = await store.QueryAsync(new EntityQuery(Tenant) { Offset = offset, Limit = limit }, None);

        Assert.Equal(Enumerable.Range(0, 120).Select(Id).Skip(offset).Take(limit), Ids(page));
        Assert.Null(page.Total);
    }

    [SkippableTheory]
    [InlineData(0, 10)]
    [InlineData(25, 10)]
    [InlineData(55, 10)]
    public async Task Filtered_pages_are_slices_of_the_matches_with_their_count(int offset, int limit)
    {
        var store = await FilledAsync();
        static bool Even(JsonObject e) => e[Vocab + "temperature"]![0]!["value"]!.GetValue<double>() % 2 == 0;

        var page = await store.QueryAsync(new EntityQuery(Tenant) { Filter = Even, Offset = offset, Limit = limit, Count = true }, None);

        Assert.Equal(Enumerable.Range(0, 120).Where(i => i % 2 == 0).Select(Id).Skip(offset).Take(limit), Ids(page));
        Assert.Equal(60, page.Total);
    }

    [SkippableFact]
    public async Task Count_without_a_filter_counts_everything_while_returning_one_page()
    {
        var store = await FilledAsync();

        var page = await store.QueryAsync(new EntityQuery(Tenant) { Limit = 3, Offset = 10, Count = true }, None);

        Assert.Equal(120, page.Total);
        Assert.Equal(Enumerable.Range(10, 3).Select(Id), Ids(page));
    }

    [SkippableFact]
    public async Task The_type_and_id_selectors_narrow_in_insertion_order()
    {
        var store = await FilledAsync();

        var fizz = await store.QueryAsync(new EntityQuery(Tenant) { AnyOfTypes = [Vocab + "Fizz"], Limit = 1000, Count = true }, None);
        var byId = await store.QueryAsync(new EntityQuery(Tenant) { Ids = [Id(5), Id(1), "urn:ngsi-ld:Thing:none"], Limit = 10 }, None);

        Assert.Equal(40, fizz.Total);
        Assert.Equal(Enumerable.Range(0, 120).Where(i => i % 3 == 0).Select(Id), Ids(fizz));
        Assert.Equal([Id(1), Id(5)], Ids(byId));
    }

    [SkippableTheory]
    [InlineData("temperature>=100", 100, 119)]
    [InlineData("temperature==5..7", 5, 7)]
    [InlineData("temperature==3,4;temperature<4", 3, 3)]
    [InlineData("temperature<2|temperature>118", 0, 1, 119)]
    public async Task The_value_index_alone_narrows_a_translatable_q_to_its_matches(string q, params int[] bounds)
    {
        var store = await FilledAsync();
        var expected = bounds.Length == 2 ? Enumerable.Range(bounds[0], bounds[1] - bounds[0] + 1) : bounds;

        // No exact filter: what comes back is what the store's own SQL selected.
        var page = await store.QueryAsync(new EntityQuery(Tenant) { Q = Stadtkern.Query.QueryParser.Parse(q, Stadtkern.JsonLd.JsonLdContext.Core), Limit = 1000, Count = true }, None);

        Assert.Equal(expected.Select(Id), Ids(page).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count(), page.Total);
    }

    [SkippableFact]
    public async Task The_location_box_selects_entities_whose_location_box_meets_it()
    {
        var store = await OpenAsync();
        await store.WriteAsync(Tenant, tx =>
        {
            for (var i = 0; i < 5; i++)
            {
                var entity = StoreScope.Stored(Id(i));
                entity["https://uri.etsi.org/ngsi-ld/location"] = new JsonArray(new JsonObject
                {
                    ["type"] = "GeoProperty",
                    ["value"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(10.0 + i, 50.0) },
                });
                tx.Insert(entity);
            }
            tx.Insert(StoreScope.Stored(Id(9)));
            return true;
        }, None);

        var page = await store.QueryAsync(new EntityQuery(Tenant) { LocationBox = new NetTopologySuite.Geometries.Envelope(10.5, 13.0, 49.0, 51.0), Limit = 10 }, None);

        Assert.Equal([Id(1), Id(2), Id(3)], Ids(page));
    }

    [SkippableFact]
    public async Task Types_attributes_and_counts_describe_what_is_stored()
    {
        var store = await OpenAsync();
        await store.WriteAsync(Tenant, tx =>
        {
            tx.Insert(StoreScope.Stored(Id(1), "Room", 1));
            tx.Insert(StoreScope.Stored(Id(2), "Room", 2));
            var car = StoreScope.Stored(Id(3), "Car", 3);
            car[Vocab + "owner"] = new JsonArray(new JsonObject { ["type"] = "Relationship", ["object"] = "urn:ngsi-ld:Person:1" });
            tx.Insert(car);
            return true;
        }, None);

        var types = await store.TypesAsync(Tenant, None);
        var counts = await store.AttributeCountsAsync(Tenant, None);
        var perType = (await store.CountsAsync(None)).Where(c => c.Tenant == Tenant).ToList();

        Assert.Equal([(Vocab + "Room", 2L), (Vocab + "Car", 1L)], types.Select(t => (t.Type, t.EntityCount)));
        Assert.Equal(["Property"], types[0].Attributes[Vocab + "temperature"]);
        Assert.Equal(["Relationship"], types[1].Attributes[Vocab + "owner"]);
        Assert.Equal(3, counts[Vocab + "temperature"]);
        Assert.Equal(1, counts[Vocab + "owner"]);
        Assert.Equal([(Tenant, Vocab + "Car", 1L), (Tenant, Vocab + "Room", 2L)], perType);
    }
}
