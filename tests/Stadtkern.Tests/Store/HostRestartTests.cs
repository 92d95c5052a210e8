using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store;

/// <summary>The whole broker stopped and started again on the same data directory keeps everything it acknowledged.</summary>
public sealed class HostRestartTests
{
    [Fact]
    public async Task Everything_acknowledged_over_HTTP_is_there_after_a_restart()
    {
        using var directory = new TempDirectory("restart");
        var tenant = TestData.NewTenant();
        var ids = Enumerable.Range(0, 50).Select(_ => TestData.NewId("Lamp")).ToList();
        string contextLocation;
        await using (var first = await TestBroker.StartAsync(dataDirectory: directory.Path))
        {
            var creates = ids.Select(id => first.Client.CreateAsync(new JsonObject { ["id"] = id, ["type"] = "Lamp", ["location"] = TestData.Point(8.65, 49.87) }));
            Assert.All(await Task.WhenAll(creates), r => r.ShouldHaveStatus(201));
            await first.Client.ForTenant(tenant).CreateOkAsync(TestData.Entity(ids[0], "Secret"));
            var added = await first.Client.PostAsync("ngsi-ld/v1/jsonldContexts", TestData.Parse("""{"@context":{"Lamp":"https://example.org/Lamp"}}"""));
            contextLocation = added.ShouldHaveStatus(201).Headers.Location!.OriginalString;
        }

        await using var second = await TestBroker.StartAsync(dataDirectory: directory.Path);

        var found = await second.Client.QueryIdsAsync(("type", "Lamp"), ("limit", "100"));
        Assert.Equal(ids.Order(), found.Order());
        Assert.Equal(ids.Order(), (await second.Client.QueryIdsAsync(("georel", "near;maxDistance==5"), ("geometry", "Point"), ("coordinates", "[8.65,49.87]"), ("limit", "100"))).Order());
        Assert.Equal("Secret", (await second.Client.ForTenant(tenant).RetrieveOkAsync(ids[0]))["type"]!.GetValue<string>());
        (await second.Client.GetAsync(contextLocation)).ShouldHaveStatus(200);
    }
}
