using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Temporal.TemporalTestData;

namespace Stadtkern.Tests.Temporal;

/// <summary>Create, add to, modify and delete temporal representations (clauses 5.6.11–5.6.16), and how they move the current state.</summary>
public sealed class TemporalProvisionTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task A_new_temporal_entity_is_also_the_current_state_with_its_latest_instance()
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level", (3, "2024-01-01T02:00:00Z"), (1, "2024-01-01T00:00:00Z")));

        var current = await _client.RetrieveOkAsync(id);

        Assert.Equal(3, TestData.ValueOf(current, "level")!.GetValue<double>());
    }

    [Fact]
    public async Task Adding_instances_answers_204_replaces_the_same_observation_and_advances_only_to_newer_readings()
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level", (1, "2024-01-01T00:00:00Z"), (2, "2024-01-01T01:00:00Z")));

        var older = await _client.PostAsync(Entities, Series(id, "Sensor", "level", (9, "2024-01-01T01:00:00Z"), (0, "2023-12-31T00:00:00Z")));

        older.ShouldHaveStatus(204);
        var pairs = Pairs((await _client.GetAsync(EntityPath(id) + "?options=temporalValues")).Object, "level");
        Assert.Equal([(0.0, "2023-12-31T00:00:00Z"), (1.0, "2024-01-01T00:00:00Z"), (9.0, "2024-01-01T01:00:00Z")], pairs);
        Assert.Equal(9, TestData.ValueOf(await _client.RetrieveOkAsync(id), "level")!.GetValue<double>());
    }

    [Fact]
    public async Task An_instance_can_be_modified_and_deleted_by_its_instanceId()
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level", (1, "2024-01-01T00:00:00Z"), (2, "2024-01-01T01:00:00Z")));
        var instances = (await _client.GetAsync(EntityPath(id))).Object["level"]!.AsArray();
        var first = instances[0]!["instanceId"]!.GetValue<string>();
        var second = instances[1]!["instanceId"]!.GetValue<string>();
        var path = $"{EntityPath(id)}/attrs/level/{Uri.EscapeDataString(first)}";

        (await _client.PatchAsync(path, TestData.Parse("""{"type":"Property","value":5,"observedAt":"2024-01-01T00:00:00Z"}"""))).ShouldHaveStatus(204);
        (await _client.DeleteAsync($"{EntityPath(id)}/attrs/level/{Uri.EscapeDataString(second)}")).ShouldHaveStatus(204);

        var after = (await _client.GetAsync(EntityPath(id))).Object["level"]!.AsArray();
        var kept = Assert.Single(after)!.AsObject();
        Assert.Equal(first, kept["instanceId"]!.GetValue<string>());
        Assert.Equal(5, kept["value"]!.GetValue<double>());
        (await _client.DeleteAsync($"{EntityPath(id)}/attrs/level/{Uri.EscapeDataString(second)}")).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Deleting_an_attribute_removes_the_default_instances_or_one_dataset_or_all()
    {
        var id = TestData.NewId("Sensor");
        var body = Series(id, "Sensor", "level", (1, "2024-01-01T00:00:00Z"));
        body["level"]!.AsArray().Add(new JsonObject { ["type"] = "Property", ["value"] = 2, ["observedAt"] = "2024-01-01T00:00:00Z", ["datasetId"] = "urn:ds:a" });
        await CreateOkAsync(_client, body);

        (await _client.DeleteAsync($"{EntityPath(id)}/attrs/level")).ShouldHaveStatus(204);
        var left = (await _client.GetAsync(EntityPath(id))).Object["level"]!.AsArray();
        Assert.Equal("urn:ds:a", Assert.Single(left)!["datasetId"]!.GetValue<string>());

        (await _client.DeleteAsync($"{EntityPath(id)}/attrs/level?deleteAll=true")).ShouldHaveStatus(204);
        Assert.Null((await _client.GetAsync(EntityPath(id))).Object["level"]);
    }

    [Fact]
    public async Task Deleting_the_temporal_representation_deletes_the_entity_too()
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level", (1, "2024-01-01T00:00:00Z")));

        (await _client.DeleteAsync(EntityPath(id))).ShouldHaveStatus(204);

        (await _client.RetrieveAsync(id)).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.DeleteAsync(EntityPath(id))).ShouldBeProblem(404, "ResourceNotFound");
    }
}
