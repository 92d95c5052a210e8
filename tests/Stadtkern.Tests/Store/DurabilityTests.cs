using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.JsonLd;
using Stadtkern.Store;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store;

/// <summary>What the store acknowledged is still there after it is closed and opened again.</summary>
public sealed class DurabilityTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Created_entity_is_there_after_reopening()
    {
        await using var scope = await StoreScope.OpenAsync();
        var id = TestData.NewId();
        await scope.Service().CreateAsync("", TestData.Entity(id, "Thing", 21), JsonLdContext.Core, None);
        var written = await scope.Store.GetAsync("", id, None);

        await scope.ReopenAsync();

        var read = await scope.Store.GetAsync("", id, None);
        Assert.NotNull(read);
        Assert.True(JsonNode.DeepEquals(written, read), read!.ToJsonString());
    }

    [Fact]
    public async Task Updates_and_deletes_are_there_after_reopening()
    {
        await using var scope = await StoreScope.OpenAsync();
        var service = scope.Service();
        var kept = TestData.NewId();
        var deleted = TestData.NewId();
        await service.CreateAsync("", TestData.Entity(kept, "Thing", 1), JsonLdContext.Core, None);
        await service.CreateAsync("", TestData.Entity(deleted, "Thing", 1), JsonLdContext.Core, None);
        await service.MergeAsync("", kept, TestData.Parse("""{"temperature":2,"extra":"x"}"""), JsonLdContext.Core, None);
        await service.DeleteAsync("", deleted, None);

        await scope.ReopenAsync();

        var entity = await scope.Store.GetAsync("", kept, None);
        Assert.Equal(2, entity!["https://uri.etsi.org/ngsi-ld/default-context/temperature"]![0]!["value"]!.GetValue<double>());
        Assert.NotNull(entity["https://uri.etsi.org/ngsi-ld/default-context/extra"]);
        Assert.Null(await scope.Store.GetAsync("", deleted, None));
    }

    [Fact]
    public async Task Indexes_answer_queries_after_reopening()
    {
        await using var scope = await StoreScope.OpenAsync();
        var id = TestData.NewId();
        await scope.Service().CreateAsync("", TestData.Parse($$"""
            {"id":"{{id}}","type":"Lamp","location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.65,49.87]} } }
            """), JsonLdContext.Core, None);

        await scope.ReopenAsync();

        var service = scope.Service();
        var byType = await service.QueryAsync("", new() { Type = "Lamp" }, JsonLdContext.Core, None);
        var byPlace = await service.QueryAsync("", new() { GeoRel = "near;maxDistance==10", Geometry = "Point", Coordinates = "[8.65,49.87]" }, JsonLdContext.Core, None);
        Assert.Equal([id], byType.Entities.Select(e => e["id"]!.GetValue<string>()));
        Assert.Equal([id], byPlace.Entities.Select(e => e["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Hosted_contexts_are_there_after_reopening()
    {
        await using var scope = await StoreScope.OpenAsync();
        var context = new HostedContext("ctx1", "http://broker/ngsi-ld/v1/jsonldContexts/ctx1", TestData.Parse("""{"@context":{"a":"https://example.org/a"}}"""),
            new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
        await scope.Store.AddAsync(context, None);

        await scope.ReopenAsync();

        var read = await scope.Store.GetAsync("ctx1", None);
        Assert.NotNull(read);
        Assert.Equal(context.Url, read!.Url);
        Assert.Equal(context.CreatedAt, read.CreatedAt);
        Assert.True(JsonNode.DeepEquals(context.Document, read.Document));
    }

    [Fact]
    public async Task Reopening_runs_each_migration_only_once()
    {
        await using var scope = await StoreScope.OpenAsync();
        await scope.ReopenAsync();
        await scope.ReopenAsync();

        using var connection = new SqliteConnection($"Data Source={Path.Combine(scope.DataDirectory, "stadtkern.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_version";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(reader.GetInt64(1), reader.GetInt64(0));
    }

    [Fact]
    public async Task Writes_after_dispose_fail_instead_of_hanging()
    {
        var scope = await StoreScope.OpenAsync();
        var store = scope.Store;
        await scope.DisposeAsync();

        var write = store.WriteAsync("", tx => tx.Get("urn:a:1"), None);

        var completed = await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(write, completed);
        await Assert.ThrowsAnyAsync<Exception>(() => write);
    }
}
