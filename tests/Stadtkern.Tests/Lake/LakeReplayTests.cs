using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;
using Stadtkern.Host;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Lake;

/// <summary>The lake is the source of truth for what arrived: replaying it into an empty directory rebuilds the same entities and history.</summary>
public sealed class LakeReplayTests
{
    private static readonly string[] Types = ["Thing", "Meter", "Sensor"];

    [SkippableFact]
    public async Task A_store_replayed_from_the_lake_equals_the_original()
    {
        TestDatabases.SkipWhenEnabled("lake replay rebuilds the embedded store of a data directory");
        using var original = new TempDirectory("replay-original");
        using var rebuilt = new TempDirectory("replay-target");
        var tenant = TestData.NewTenant();
        var mqttPort = FreePort.Next();
        await using (var broker = await TestBroker.StartAsync(o => o.MqttPort = mqttPort, original.Path))
        {
            var client = broker.Client;
            await client.CreateOkAsync(TestData.Entity("urn:ngsi-ld:Thing:1", "Thing", 10));
            for (var i = 0; i < 3; i++)
                (await client.PatchAsync(NgsiClient.AttributePath("urn:ngsi-ld:Thing:1", "temperature"), TestData.Parse($$"""{"type":"Property","value":{{11 + i}}}""")))
                    .ShouldHaveStatus(204);
            (await client.PostAsync("ngsi-ld/v1/entities", TestData.Parse("""{"id":"urn:ngsi-ld:Thing:2","type":"Thing","name":{"type":"Property","value":"x"}}"""),
                link: NgsiClient.LinkTo("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"))).ShouldHaveStatus(201);
            (await client.BatchAsync("upsert", TestData.ParseArray("""[{"id":"urn:ngsi-ld:Thing:1","type":"Thing","humidity":{"type":"Property","value":40}}]"""), "options=update"))
                .ShouldHaveStatus(204);
            (await client.DeleteAsync(NgsiClient.AttributePath("urn:ngsi-ld:Thing:2", "name"))).ShouldHaveStatus(204);
            (await client.PostAsync("ngsi-ld/v1/entities", TestData.Parse("""{"id":"not a uri","type":"Thing"}"""))).ShouldBeProblem(400, "BadRequestData");
            (await client.PostAsync("ngsi-ld/v1/temporal/entities", TestData.Parse("""
                {"id":"urn:ngsi-ld:Sensor:1","type":"Sensor","level":[
                  {"type":"Property","value":1,"observedAt":"2024-01-01T00:00:00Z"},{"type":"Property","value":2,"observedAt":"2024-01-01T01:00:00Z"}]}
                """))).ShouldHaveStatus(201);
            await client.ForTenant(tenant).CreateOkAsync(TestData.Entity("urn:ngsi-ld:Thing:9", "Thing", 99));
            (await client.SendAsync(HttpMethod.Post, "stadtkern/v1/ingest/ndjson",
                """{"id":"urn:ngsi-ld:Meter:1","type":"Meter","load":{"type":"Property","value":5}}""" + "\n{broken\n", "application/x-ndjson")).ShouldHaveStatus(200);
            using var mqtt = new MqttClientFactory().CreateMqttClient();
            await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).Build());
            await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("ngsi-ld/default/entities/urn:ngsi-ld:Meter:1/attrs")
                .WithPayload(Encoding.UTF8.GetBytes("""{"load":{"type":"Property","value":6,"observedAt":"2026-01-01T00:00:00Z"}}"""))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await mqtt.DisconnectAsync();
        }
        var before = await SnapshotAsync(original.Path, tenant);

        var summary = await LakeReplay.RunAsync(original.Path, rebuilt.Path, null, CancellationToken.None);

        Assert.Equal(1, summary.Refused);
        var after = await SnapshotAsync(rebuilt.Path, tenant);
        Assert.Equal(before, after);
        Assert.Contains("urn:ngsi-ld:Sensor:1", before, StringComparison.Ordinal);
        Assert.Contains("\"value\":6", before, StringComparison.Ordinal);
    }

    /// <summary>Entities and their histories as the API shows them, without instance ids and system dates.</summary>
    internal static async Task<string> SnapshotAsync(string directory, string tenant, IReadOnlyList<string>? types = null)
    {
        await using var broker = await TestBroker.StartAsync(dataDirectory: directory);
        var text = new StringBuilder();
        foreach (var client in new[] { broker.Client, broker.Client.ForTenant(tenant) })
        {
            foreach (var type in types ?? Types)
            {
                var entities = (await client.GetAsync($"ngsi-ld/v1/entities?type={type}&limit=100")).ShouldHaveStatus(200).Array
                    .Select(e => e!.AsObject()).OrderBy(e => e["id"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
                foreach (var entity in entities)
                {
                    var id = entity["id"]!.GetValue<string>();
                    text.Append(entity.ToJsonString()).Append('\n');
                    var history = (await client.GetAsync($"ngsi-ld/v1/temporal/entities/{Uri.EscapeDataString(id)}")).ShouldHaveStatus(200).Object;
                    text.Append(Strip(history).ToJsonString()).Append('\n');
                }
            }
        }
        return text.ToString();
    }

    private static JsonNode Strip(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var key in new[] { "instanceId", "createdAt", "modifiedAt", "deletedAt" }) o.Remove(key);
            foreach (var (_, value) in o.ToList()) if (value is not null) Strip(value);
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a) if (item is not null) Strip(item);
        }
        return node;
    }
}
