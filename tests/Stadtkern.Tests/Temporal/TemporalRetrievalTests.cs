using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Temporal.TemporalTestData;

namespace Stadtkern.Tests.Temporal;

/// <summary>Retrieve and query the temporal evolution (clauses 5.7.3, 5.7.4): windows, lastN, representations, and the history every write leaves.</summary>
public sealed class TemporalRetrievalTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Every_change_through_the_entity_api_is_an_instance_of_the_history()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));
        foreach (var value in new[] { 11, 12 })
            (await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse($$"""{"type":"Property","value":{{value}}}""")))
                .ShouldHaveStatus(204);

        var reply = await _client.GetAsync(EntityPath(id) + "?options=temporalValues&timeproperty=modifiedAt");

        reply.ShouldHaveStatus(200);
        Assert.Equal([10.0, 11.0, 12.0], Pairs(reply.Object, "temperature").Select(p => p.Value));
    }

    [Fact]
    public async Task A_window_keeps_instances_from_timeAt_inclusive_to_endTimeAt_exclusive()
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level",
            (1, "2024-01-01T00:00:00Z"), (2, "2024-01-01T01:00:00Z"), (3, "2024-01-01T02:00:00Z"), (4, "2024-01-01T03:00:00Z")));

        var between = await _client.GetAsync(EntityPath(id) + "?options=temporalValues&timerel=between&timeAt=2024-01-01T01:00:00Z&endTimeAt=2024-01-01T03:00:00Z");
        var before = await _client.GetAsync(EntityPath(id) + "?options=temporalValues&timerel=before&timeAt=2024-01-01T01:00:00Z");
        var after = await _client.GetAsync(EntityPath(id) + "?options=temporalValues&timerel=after&timeAt=2024-01-01T03:00:00Z");

        Assert.Equal([2.0, 3.0], Pairs(between.Object, "level").Select(p => p.Value));
        Assert.Equal([1.0], Pairs(before.Object, "level").Select(p => p.Value));
        Assert.Equal([4.0], Pairs(after.Object, "level").Select(p => p.Value));
    }

    [Fact]
    public async Task LastN_gives_the_most_recent_instances_oldest_first()
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level",
            (3, "2024-01-01T02:00:00Z"), (1, "2024-01-01T00:00:00Z"), (4, "2024-01-01T03:00:00Z"), (2, "2024-01-01T01:00:00Z")));

        var reply = await _client.GetAsync(EntityPath(id) + "?options=temporalValues&lastN=2");

        Assert.Equal([(3.0, "2024-01-01T02:00:00Z"), (4.0, "2024-01-01T03:00:00Z")], Pairs(reply.Object, "level"));
    }

    [Fact]
    public async Task The_normalized_representation_lists_instances_with_their_instanceId_even_when_there_is_one()
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level", (7, "2024-01-01T00:00:00Z")));

        var entity = (await _client.GetAsync(EntityPath(id))).ShouldHaveStatus(200).Object;

        var instance = Assert.Single(entity["level"]!.AsArray())!.AsObject();
        Assert.Equal(7, instance["value"]!.GetValue<double>());
        Assert.StartsWith("urn:", instance["instanceId"]!.GetValue<string>());
        Assert.Null(instance["createdAt"]);
    }

    [Fact]
    public async Task Aggregation_uses_half_open_periods_and_leaves_out_empty_ones()
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level",
            (10, "2024-01-01T00:00:00Z"), (20, "2024-01-01T00:30:00Z"), (40, "2024-01-01T01:00:00Z"), (100, "2024-01-01T03:10:00Z")));

        var reply = await _client.GetAsync(EntityPath(id)
            + "?options=aggregatedValues&aggrMethods=avg,max,sum,totalCount,min&aggrPeriodDuration=PT1H");

        var level = reply.ShouldHaveStatus(200).Object["level"]!.AsObject();
        var avg = level["avg"]!.AsArray().Select(t => (t![0]!.GetValue<double>(), t[1]!.GetValue<string>(), t[2]!.GetValue<string>())).ToList();
        Assert.Equal([
            (15.0, "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"),
            (40.0, "2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z"),
            (100.0, "2024-01-01T03:00:00Z", "2024-01-01T04:00:00Z"),
        ], avg);
        Assert.Equal([20.0, 40.0, 100.0], level["max"]!.AsArray().Select(t => t![0]!.GetValue<double>()));
        Assert.Equal([30.0, 40.0, 100.0], level["sum"]!.AsArray().Select(t => t![0]!.GetValue<double>()));
        Assert.Equal([2, 1, 1], level["totalCount"]!.AsArray().Select(t => t![0]!.GetValue<int>()));
        Assert.Equal([10.0, 40.0, 100.0], level["min"]!.AsArray().Select(t => t![0]!.GetValue<double>()));
    }

    [Fact]
    public async Task Aggregates_summed_up_by_the_store_equal_those_computed_from_the_instances()
    {
        var id = TestData.NewId("Sensor");
        // The first instance is not on an hour, so the periods are summed from the instances (HourlyRollupTests covers the rest).
        var readings = Enumerable.Range(0, 50).Select(i => ((double)(i * 7 % 13) - 3.5, $"2024-01-01T{i / 6:00}:{i % 6 * 10 + 5:00}:00Z")).ToArray();
        await CreateOkAsync(_client, Series(id, "Sensor", "level", readings));
        const string methods = "totalCount,sum,avg,min,max,stddev,sumsq";

        // distinctCount needs the values themselves, so the second request is aggregated from the instances.
        var summed = (await _client.GetAsync(EntityPath(id) + $"?options=aggregatedValues&aggrMethods={methods}&aggrPeriodDuration=PT2H")).Object;
        var computed = (await _client.GetAsync(EntityPath(id) + $"?options=aggregatedValues&aggrMethods={methods},distinctCount&aggrPeriodDuration=PT2H")).Object;

        AssertSameAggregates(computed, summed, "level", methods, precision: 9);
    }

    [Fact]
    public async Task Text_values_are_aggregated_too_min_and_max_in_text_order()
    {
        var id = TestData.NewId("Sensor");
        var body = TestData.Parse($$"""
            {"id":"{{id}}","type":"Sensor","state":[
              {"type":"Property","value":"open","observedAt":"2024-01-01T00:00:00Z"},
              {"type":"Property","value":"closed","observedAt":"2024-01-01T00:10:00Z"},
              {"type":"Property","value":"open","observedAt":"2024-01-01T00:20:00Z"}]}
            """);
        await CreateOkAsync(_client, body);

        var state = (await _client.GetAsync(EntityPath(id) + "?options=aggregatedValues&aggrMethods=min,max,totalCount&aggrPeriodDuration=PT1H")).Object["state"]!;

        Assert.Equal("closed", state["min"]![0]![0]!.GetValue<string>());
        Assert.Equal("open", state["max"]![0]![0]!.GetValue<string>());
        Assert.Equal(3, state["totalCount"]![0]![0]!.GetValue<int>());
    }

    [Fact]
    public async Task Deleting_an_attribute_is_recorded_with_deletedAt()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));
        (await _client.DeleteAsync(NgsiClient.AttributePath(id, "temperature"))).ShouldHaveStatus(204);

        var entity = (await _client.GetAsync(EntityPath(id) + "?timeproperty=deletedAt")).ShouldHaveStatus(200).Object;

        var record = Assert.Single(entity["temperature"]!.AsArray())!.AsObject();
        Assert.Equal("urn:ngsi-ld:null", record["value"]!.GetValue<string>());
        Assert.NotNull(record["deletedAt"]);
    }

    [Fact]
    public async Task The_history_outlives_the_entity_until_the_temporal_representation_is_deleted()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));
        (await _client.DeleteAsync(NgsiClient.EntityPath(id))).ShouldHaveStatus(204);

        (await _client.GetAsync(EntityPath(id))).ShouldHaveStatus(200);
        (await _client.DeleteAsync(EntityPath(id))).ShouldHaveStatus(204);
        (await _client.GetAsync(EntityPath(id))).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task A_query_returns_only_entities_with_instances_in_the_window_and_filters_by_q_on_those_instances()
    {
        var type = TestData.NewType("Meter");
        var early = TestData.NewId(type);
        var late = TestData.NewId(type);
        await CreateOkAsync(_client, Series(early, type, "load", (5, "2024-01-01T00:00:00Z")));
        await CreateOkAsync(_client, Series(late, type, "load", (50, "2024-06-01T00:00:00Z"), (1, "2024-06-02T00:00:00Z")));

        var inWindow = await _client.GetAsync($"{Entities}?type={type}&timerel=after&timeAt=2024-03-01T00:00:00Z");
        var byQ = await _client.GetAsync($"{Entities}?type={type}&q=load%3E10&timerel=after&timeAt=2023-01-01T00:00:00Z");

        Assert.Equal([late], inWindow.ShouldHaveStatus(200).Array.Select(e => e!["id"]!.GetValue<string>()));
        var matched = Assert.Single(byQ.ShouldHaveStatus(200).Array)!.AsObject();
        Assert.Equal(late, matched["id"]!.GetValue<string>());
        Assert.Equal(2, matched["load"]!.AsArray().Count);
    }

    [Fact]
    public async Task Pages_of_a_filtered_query_follow_creation_order_across_many_entities_and_count_them_all()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var ids = new List<string>();
        for (var i = 0; i < 250; i++)
        {
            var id = $"urn:ngsi-ld:Meter:{i:000}";
            ids.Add(id);
            await CreateOkAsync(tenant, Series(id, "Meter", "load", (i % 2 == 0 ? 100 : 1, "2024-01-01T00:00:00Z")));
        }
        var matching = ids.Where((_, i) => i % 2 == 0).ToList();

        var reply = await tenant.GetAsync($"{Entities}?type=Meter&q=load%3E50&timerel=after&timeAt=2023-01-01T00:00:00Z&limit=50&offset=60&count=true&lastN=1");

        Assert.Equal(matching.Skip(60).Take(50), reply.ShouldHaveStatus(200).Array.Select(e => e!["id"]!.GetValue<string>()));
        Assert.Equal("125", reply.Header("NGSILD-Results-Count"));
    }

    [Fact]
    public async Task A_tenant_never_sees_another_tenants_history()
    {
        var id = TestData.NewId("Sensor");
        var tenant = _client.ForTenant(TestData.NewTenant());
        await CreateOkAsync(tenant, Series(id, "Sensor", "level", (1, "2024-01-01T00:00:00Z")));

        (await _client.GetAsync(EntityPath(id))).ShouldBeProblem(404, "ResourceNotFound");
        (await tenant.GetAsync(EntityPath(id))).ShouldHaveStatus(200);
    }
}
