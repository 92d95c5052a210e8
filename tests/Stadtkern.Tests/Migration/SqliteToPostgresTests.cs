using System.CommandLine;
using System.Text.Json.Nodes;
using Npgsql;
using Stadtkern.Host.Migration;
using Stadtkern.Postgres;
using Stadtkern.Sqlite;
using Stadtkern.Tests.Store.Contract;
using Stadtkern.Tests.Subscriptions;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Migration;

/// <summary>
/// <c>stadtkern migrate --from sqlite:DIR --to postgres:CONNECTION</c> moves an embedded installation, and a broker on the
/// PostgreSQL copy answers as the embedded one did; a target that holds data is refused, and a tampered copy is found.
/// </summary>
public sealed class SqliteToPostgresTests(PostgresBackend backend) : IClassFixture<PostgresBackend>, IDisposable
{
    private readonly TempDirectory _embedded = new("migrate-from");
    private readonly TempDirectory _moved = new("migrate-to");

    private static Task<int> MigrateAsync(params string[] arguments) =>
        Host.Cli.Build().Parse(["migrate", .. arguments]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });

    [SkippableFact]
    public async Task An_embedded_installation_moves_to_PostgreSQL_whole_and_a_tampered_copy_is_found()
    {
        var database = await backend.ConnectionAsync();
        var meters = Enumerable.Range(0, 3).Select(_ => TestData.NewId("Meter")).ToList();
        var subscriptionId = SubscriptionKit.NewId();
        var before = new List<JsonNode?>();
        await using (var embedded = await TestBroker.StartAsync(o => (o.Store, o.Connection) = ("sqlite", ""), _embedded.Path))
        {
            (await embedded.Client.PostAsync("ngsi-ld/v1/subscriptions",
                SubscriptionKit.Subscription(subscriptionId, "Meter", "http://127.0.0.1:1/notify"))).ShouldHaveStatus(201);
            (await embedded.Client.PostAsync("stadtkern/v1/watch/rules",
                TestData.Parse("""{"id":"high","entityType":"Meter","severity":"high","condition":{"kind":"threshold","attribute":"reading","above":70}}"""))).ShouldHaveStatus(201);
            (await embedded.Client.PostAsync("ngsi-ld/v1/jsonldContexts", TestData.Parse("""{"@context":{"reading":"https://example.org/reading"}}""")))
                .ShouldHaveStatus(201);
            foreach (var meter in meters)
            {
                await embedded.Client.CreateOkAsync(TestData.Parse($$$"""{"id":"{{{meter}}}","type":"Meter","reading":{"type":"Property","value":0}}"""));
                for (var i = 1; i <= 4; i++)
                    (await embedded.Client.PatchAsync($"ngsi-ld/v1/entities/{meter}/attrs", TestData.Parse($$$"""{"reading":{"type":"Property","value":{{{i}}}}}"""))).ShouldHaveStatus(204);
                before.Add(await AnswersAsync(embedded, meter));
            }
            var dataset = Catalog.DatasetDocuments.NewId("moved");
            await Catalog.DatasetDocuments.DefineAsync(embedded.Client, Catalog.DatasetDocuments.Upload(dataset));
            await Catalog.DatasetDocuments.UploadAsync(embedded.Client, dataset, "a,b\n1,2\n");
            await Catalog.DatasetDocuments.PublishOkAsync(embedded.Client, dataset);
        }
        await using (var store = new SqliteEntityStore(_embedded.Path))
        {
            await store.InitializeAsync(CancellationToken.None);
            await store.AppendLedgerAsync([("dataset", [1, 2, 3]), ("distribution", [4, 5])], DateTimeOffset.UnixEpoch, CancellationToken.None);
            await store.AddPseudonymKeyAsync("", [.. Enumerable.Range(0, 32).Select(i => (byte)i)], DateTimeOffset.UnixEpoch, CancellationToken.None);
        }

        Assert.Equal(0, await MigrateAsync("--from", $"sqlite:{_embedded.Path}", "--to", $"postgres:{database}"));
        Assert.Equal(2, await MigrateAsync("--from", $"sqlite:{_embedded.Path}", "--to", $"postgres:{database}"));

        await using (var source = new SqliteEntityStore(_embedded.Path))
        await using (var target = new PostgresEntityStore(database))
        {
            await source.InitializeAsync(CancellationToken.None);
            await target.InitializeAsync(CancellationToken.None);
            await TamperAsync(database, meters[1], "jsonb_set(body, '{tampered}', 'true')");
            var tampered = await StoreMigration.CompareAsync(source, target, CancellationToken.None);
            await TamperAsync(database, meters[1], "body - 'tampered'");
            var restored = await StoreMigration.CompareAsync(source, target, CancellationToken.None);

            Assert.Equal(["entities"], tampered.Where(k => !k.Same).Select(k => k.Kind));
            Assert.All(restored, k => Assert.True(k.Same, $"{k.Kind} differs"));
            Assert.All(restored.Where(k => k.Kind != "mapping rules"), k => Assert.True(k.SourceCount > 0, $"the test put no {k.Kind} in the source"));
            // A catalog change and a release manifest from the dataset, and the two appended directly.
            Assert.Equal(4, restored.Single(k => k.Kind == "ledger").SourceCount);
            // The definition, its uploaded source, one release and its four files.
            Assert.Equal(7, restored.Single(k => k.Kind == "catalog").SourceCount);
            Assert.Contains(restored, k => k is { Kind: "history", SourceCount: > 15 });
        }
        await using var moved = await TestBroker.StartAsync(o => (o.Store, o.Connection) = ("postgres", database), _moved.Path);
        for (var i = 0; i < meters.Count; i++) Assert.True(JsonNode.DeepEquals(before[i], await AnswersAsync(moved, meters[i])), $"{meters[i]} answers differently");
        (await moved.Client.GetAsync($"ngsi-ld/v1/subscriptions/{Uri.EscapeDataString(subscriptionId)}")).ShouldHaveStatus(200);
        (await moved.Client.GetAsync("stadtkern/v1/ledger/checkpoint")).ShouldHaveStatus(200);
    }

    /// <summary>What a client reads of a meter: the entity, and its history without instance ids.</summary>
    private static async Task<JsonNode?> AnswersAsync(TestBroker broker, string meter) => new JsonArray(
        (await broker.Client.GetAsync($"ngsi-ld/v1/entities/{meter}")).ShouldHaveStatus(200).Json,
        (await broker.Client.GetAsync($"ngsi-ld/v1/temporal/entities/{meter}?options=temporalValues")).ShouldHaveStatus(200).Json);

    private static async Task TamperAsync(string database, string meter, string body)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var tamper = new NpgsqlCommand($"UPDATE entities SET body = {body} WHERE id = @id", connection);
        tamper.Parameters.AddWithValue("id", meter);
        Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
    }

    public void Dispose()
    {
        _embedded.Dispose();
        _moved.Dispose();
    }
}
