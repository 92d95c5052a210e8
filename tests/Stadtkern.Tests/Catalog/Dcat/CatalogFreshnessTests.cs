using System.Text.Json.Nodes;
using Stadtkern.Tests.Catalog.Support;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Catalog.DatasetDocuments;

namespace Stadtkern.Tests.Catalog.Dcat;

/// <summary>
/// The open catalog is kept in memory and brought up to date from the ledger entries added since: every change shows at
/// once, in the CKAN API and the DCAT documents alike: a new release, a changed title, a withdrawal, a dataset made
/// internal, and a held release once approved.
/// </summary>
public sealed class CatalogFreshnessTests
{
    private static async Task<List<string>> ListedAsync(NgsiClient client) =>
        [.. (await client.GetAsync("api/3/action/package_list")).ShouldHaveStatus(200).Object["result"]!.AsArray().Select(n => n!.GetValue<string>())];

    private static async Task<JsonObject> PackageAsync(NgsiClient client, string id) =>
        (await client.GetAsync($"api/3/action/package_show?id={id}")).ShouldHaveStatus(200).Object["result"]!.AsObject();

    [Fact]
    public async Task Each_change_of_a_dataset_shows_in_the_next_answer()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var (first, second, held) = ("a-" + NewId("frisch"), "b-" + NewId("frisch"), "c-" + NewId("frisch"));
        Assert.Empty(await ListedAsync(client));

        var document = OpenCatalogFixture.Document(first, "Erster");
        await DefineAsync(client, document);
        await UploadAsync(client, first, OpenCatalogFixture.Csv);
        Assert.Empty(await ListedAsync(client));
        await PublishOkAsync(client, first);
        Assert.Equal([first], await ListedAsync(client));

        await DefineAsync(client, OpenCatalogFixture.Document(second, "Zweiter"));
        await UploadAsync(client, second, OpenCatalogFixture.Csv);
        await PublishOkAsync(client, second);
        await PublishOkAsync(client, first);
        Assert.Equal([first, second], await ListedAsync(client));
        Assert.Equal("2", (await PackageAsync(client, first))["version"]!.GetValue<string>());
        Assert.Contains($"{first}-2.csv", (await client.GetAsync("catalog.ttl")).ShouldHaveStatus(200).Body);

        document["metadata"]!["title"]!["de"] = "Erster, umbenannt";
        (await client.PutAsync($"{Datasets}/{first}", document)).ShouldHaveStatus(200);
        Assert.Equal("Erster, umbenannt", (await PackageAsync(client, first))["title"]!.GetValue<string>());

        var hidden = OpenCatalogFixture.Document(second, "Zweiter");
        hidden["visibility"] = "internal";
        (await client.PutAsync($"{Datasets}/{second}", hidden)).ShouldHaveStatus(200);
        Assert.Equal([first], await ListedAsync(client));
        (await client.DeleteAsync($"{Datasets}/{first}")).ShouldHaveStatus(204);
        Assert.Empty(await ListedAsync(client));
        Assert.DoesNotContain(first, (await client.GetAsync("catalog.ttl")).ShouldHaveStatus(200).Body);

        var waiting = OpenCatalogFixture.Document(held, "Dritter");
        waiting["quality"] = new JsonObject { ["minRows"] = 100 };
        await DefineAsync(client, waiting);
        await UploadAsync(client, held, OpenCatalogFixture.Csv);
        Assert.Equal("held", (await PublishAsync(client, held)).ShouldHaveStatus(201).Object["status"]!.GetValue<string>());
        Assert.Empty(await ListedAsync(client));
        (await client.SendAsync(HttpMethod.Post, $"{Datasets}/{held}/releases/1/review", new JsonObject { ["decision"] = "approve" }.ToJsonString(),
            NgsiClient.Json, headers: [new("X-Stadtkern-User", "reviewer")])).ShouldHaveStatus(200);
        Assert.Equal([held], await ListedAsync(client));
    }
}
