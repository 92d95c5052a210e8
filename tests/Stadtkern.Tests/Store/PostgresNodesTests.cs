using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Store;
using Stadtkern.Tests.Store.Contract;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store;

/// <summary>
/// Two PostgreSQL stores on one database, as two nodes have: each has its own writer, and the advisory lock per tenant and
/// entity serialises their read-modify-writes, so neither loses the other's update nor creates an entity twice.
/// </summary>
public sealed class PostgresNodesTests(PostgresBackend postgres) : IClassFixture<PostgresBackend>
{
    private const string Temperature = "https://uri.etsi.org/ngsi-ld/default-context/temperature";
    private readonly string _tenant = TestData.NewTenant();

    [SkippableFact]
    public async Task Read_modify_writes_of_one_entity_on_two_nodes_lose_no_update()
    {
        await using var first = await postgres.OpenAsync();
        await using var second = await postgres.OpenAsync();
        await first.WriteAsync(_tenant, tx => { tx.Insert(StoreScope.Stored("urn:ngsi-ld:Thing:n", "Thing", 0)); return true; }, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).WriteAsync(_tenant, tx =>
        {
            var entity = tx.Get("urn:ngsi-ld:Thing:n")!;
            // A pause between read and write, so that without the lock the other node would read the same value.
            Thread.Sleep(2);
            entity[Temperature]![0]!["value"] = entity[Temperature]![0]!["value"]!.GetValue<double>() + 1;
            tx.Replace(entity);
            return true;
        }, CancellationToken.None))));

        Assert.Equal(60, (await second.GetAsync(_tenant, "urn:ngsi-ld:Thing:n", CancellationToken.None))![Temperature]![0]!["value"]!.GetValue<double>());
    }

    [SkippableFact]
    public async Task The_same_id_created_on_two_nodes_at_once_is_created_once_and_the_other_hears_AlreadyExists()
    {
        await using var first = await postgres.OpenAsync();
        await using var second = await postgres.OpenAsync();
        var services = new[] { first, second }.Select(s => new EntityService(s, new StadtkernOptions(), TimeProvider.System, [])).ToArray();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await services[i % 2].CreateAsync(_tenant, TestData.Entity("urn:ngsi-ld:Thing:once", "Thing", i), JsonLdContext.Core, CancellationToken.None);
                return "created";
            }
            catch (NgsiLdException e) when (e.Type == ErrorType.AlreadyExists)
            {
                return "exists";
            }
        })));

        Assert.Single(outcomes, o => o == "created");
        Assert.Equal(9, outcomes.Count(o => o == "exists"));
        var page = await first.QueryAsync(new EntityQuery(_tenant) { Limit = 10, Count = true }, CancellationToken.None);
        Assert.Equal(1, page.Total);
    }
}
