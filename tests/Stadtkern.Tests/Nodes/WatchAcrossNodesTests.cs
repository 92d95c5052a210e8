using Stadtkern.Tests.Store.Contract;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Nodes;

/// <summary>
/// A watch rule fires once although the readings that violate it reach two nodes, each with its own memory of the rule:
/// the second node finds the alarm the first raised (in the transaction that holds the entity's lock) and raises none.
/// </summary>
public sealed class WatchAcrossNodesTests(PostgresBackend backend) : IClassFixture<PostgresBackend>
{
    private const string Rules = "stadtkern/v1/watch/rules";
    private const string Alarms = "stadtkern/v1/control-room/alarms";

    [SkippableFact]
    public async Task Readings_on_two_nodes_raise_one_alarm()
    {
        var database = await backend.ConnectionAsync();
        void OnDatabase(StadtkernOptions o)
        {
            o.Store = "postgres";
            o.Connection = database;
        }
        await using var a = await TestBroker.StartAsync(OnDatabase);
        await using var b = await TestBroker.StartAsync(OnDatabase);
        var gauge = TestData.NewId("Gauge");
        await a.Client.CreateOkAsync(TestData.Parse($$"""{"id":"{{gauge}}","type":"Gauge","level":{"type":"Property","value":5}""" + "}"));
        (await a.Client.PostAsync(Rules, TestData.Parse("""{"id":"high","entityType":"Gauge","severity":"high","condition":{"kind":"threshold","attribute":"level","above":7}}""")))
            .ShouldHaveStatus(201);
        await NodePair.WaitForAsync(async () => (await b.Client.GetAsync(Rules)).Array.Count == 1, "node B holding the rule made on node A");

        (await a.Client.PatchAsync($"ngsi-ld/v1/entities/{gauge}/attrs", Level(8, 1))).ShouldHaveStatus(204);
        (await b.Client.PatchAsync($"ngsi-ld/v1/entities/{gauge}/attrs", Level(9, 2))).ShouldHaveStatus(204);

        Assert.Single((await b.Client.GetAsync(Alarms)).ShouldHaveStatus(200).Array);
        Assert.Single((await a.Client.GetAsync(Alarms)).ShouldHaveStatus(200).Array);
    }

    private static System.Text.Json.Nodes.JsonObject Level(double value, int minute) =>
        TestData.Parse($$$"""{"level":{"type":"Property","value":{{{value}}},"observedAt":"2026-03-01T10:{{{minute:00}}}:00Z"}}""");
}
