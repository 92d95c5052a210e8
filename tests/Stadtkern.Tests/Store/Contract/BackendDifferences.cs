using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.JsonLd;
using Stadtkern.Store;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>
/// The written exceptions to the contract: where the backends differ on purpose, each difference pinned by a test, so that
/// it changes only knowingly. Neither is a difference NGSI-LD lets a client rely on (it orders neither query results
/// without orderBy nor an entity's members), and docs/postgres.md names both.
/// </summary>
public sealed class BackendDifferences(SqliteBackend sqlite, PostgresBackend postgres) : IClassFixture<SqliteBackend>, IClassFixture<PostgresBackend>, IAsyncLifetime
{
    private readonly List<IEntityStore> _opened = [];
    private readonly string _tenant = TestData.NewTenant();

    private async Task<IEntityStore> OpenAsync(StoreBackend backend)
    {
        var store = await backend.OpenAsync();
        _opened.Add(store);
        return store;
    }

    /// <summary>Five Things whose temperature falls as they are created.</summary>
    private async Task<List<string>> FallingAsync(StoreBackend backend)
    {
        var service = new EntityService(await OpenAsync(backend), new StadtkernOptions(), TimeProvider.System, []);
        for (var i = 0; i < 5; i++)
            await service.CreateAsync(_tenant, TestData.Entity($"urn:ngsi-ld:Thing:{i}", "Thing", 50 - i * 10), JsonLdContext.Core, CancellationToken.None);
        var page = await service.QueryAsync(_tenant, new EntityQueryParameters { Type = "Thing", Q = "temperature>0", Limit = 10 }, JsonLdContext.Core, CancellationToken.None);
        return page.Entities.Select(e => e["id"]!.GetValue<string>()[^1..]).ToList();
    }

    [Fact]
    public async Task Sqlite_lists_the_matches_of_a_q_range_in_the_order_of_the_value_it_ranges_over()
    {
        // The value index drives the query, so that a page is found without reading every candidate.
        Assert.Equal(["4", "3", "2", "1", "0"], await FallingAsync(sqlite));
    }

    [SkippableFact]
    public async Task Postgres_lists_the_matches_of_a_q_range_in_insertion_order_as_every_other_query()
    {
        Assert.Equal(["0", "1", "2", "3", "4"], await FallingAsync(postgres));
    }

    private async Task<(List<string> Written, JsonObject Read)> RoundTripAsync(StoreBackend backend)
    {
        var store = await OpenAsync(backend);
        var entity = new JsonObject
        {
            ["id"] = "urn:ngsi-ld:Thing:order",
            ["type"] = new JsonArray("https://example.org/Thing"),
            ["https://example.org/zeta-long-name"] = new JsonArray(new JsonObject { ["type"] = "Property", ["value"] = 1 }),
            ["https://example.org/a"] = new JsonArray(new JsonObject { ["value"] = 2, ["type"] = "Property" }),
        };
        await store.WriteAsync(_tenant, tx => { tx.Insert(entity); return true; }, CancellationToken.None);
        var read = (await store.GetAsync(_tenant, "urn:ngsi-ld:Thing:order", CancellationToken.None))!;
        Assert.True(JsonNode.DeepEquals(entity, read));
        return (entity.Select(m => m.Key).ToList(), read);
    }

    [Fact]
    public async Task Sqlite_keeps_the_members_of_a_stored_entity_in_the_order_they_were_written()
    {
        var (written, read) = await RoundTripAsync(sqlite);

        Assert.Equal(written, read.Select(m => m.Key));
    }

    [SkippableFact]
    public async Task Postgres_keeps_the_members_of_a_stored_entity_in_jsonb_order_shorter_names_first()
    {
        var (_, read) = await RoundTripAsync(postgres);

        Assert.Equal(["id", "type", "https://example.org/a", "https://example.org/zeta-long-name"], read.Select(m => m.Key));
        Assert.Equal(["type", "value"], read["https://example.org/a"]![0]!.AsObject().Select(m => m.Key));
    }

    private async Task<EntityService> ServiceAsync(StoreBackend backend) =>
        new(await OpenAsync(backend), new StadtkernOptions(), TimeProvider.System, []);

    private static JsonObject WithNul() => TestData.Parse("""{"id":"urn:ngsi-ld:Thing:nul","type":"Thing","name":{"type":"Property","value":"a\u0000b"}}""");

    [Fact]
    public async Task Sqlite_keeps_text_with_the_character_U0000()
    {
        var service = await ServiceAsync(sqlite);

        await service.CreateAsync(_tenant, WithNul(), JsonLdContext.Core, CancellationToken.None);

        Assert.Equal("a\u0000b", (await service.GetAsync(_tenant, "urn:ngsi-ld:Thing:nul", CancellationToken.None))["https://uri.etsi.org/ngsi-ld/default-context/name"]![0]!["value"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Postgres_refuses_text_with_the_character_U0000_as_bad_data_and_keeps_nothing()
    {
        var service = await ServiceAsync(postgres);

        var refused = await Assert.ThrowsAsync<Errors.NgsiLdException>(() => service.CreateAsync(_tenant, WithNul(), JsonLdContext.Core, CancellationToken.None));

        Assert.Equal(Errors.ErrorType.BadRequestData, refused.Type);
        await Assert.ThrowsAsync<Errors.NgsiLdException>(() => service.GetAsync(_tenant, "urn:ngsi-ld:Thing:nul", CancellationToken.None));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
    }
}
