using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Temporal.TemporalTestData;

namespace Stadtkern.Tests.Temporal;

/// <summary>Bad temporal requests get a problem document with the right status and change nothing.</summary>
public sealed class TemporalBadInputTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Theory]
    [InlineData("timerel=after")]
    [InlineData("timerel=between&timeAt=2024-01-01T00:00:00Z")]
    [InlineData("timerel=between&timeAt=2024-01-02T00:00:00Z&endTimeAt=2024-01-01T00:00:00Z")]
    [InlineData("timerel=during&timeAt=2024-01-01T00:00:00Z")]
    [InlineData("timerel=after&timeAt=yesterday")]
    [InlineData("timeproperty=expiresAt")]
    [InlineData("lastN=0")]
    [InlineData("lastN=1.5")]
    [InlineData("options=aggregatedValues")]
    [InlineData("options=aggregatedValues&aggrMethods=median")]
    [InlineData("options=aggregatedValues&aggrMethods=avg&aggrPeriodDuration=1 hour")]
    public async Task A_bad_window_or_aggregation_is_BadRequestData(string query)
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level", (1, "2024-01-01T00:00:00Z")));

        (await _client.GetAsync($"{EntityPath(id)}?{query}")).ShouldBeProblem(400, "BadRequestData");
    }

    [Theory]
    [InlineData("timerel=after&timeAt=2024-01-01T00:00:00Z")]
    [InlineData("id=urn:a:b&timerel=after&timeAt=2024-01-01T00:00:00Z")]
    [InlineData("type=Sensor&orderBy=level&timerel=after&timeAt=2024-01-01T00:00:00Z")]
    public async Task A_query_without_a_selector_or_with_an_unsupported_order_is_BadRequestData(string query)
    {
        (await _client.GetAsync($"{Entities}?{query}")).ShouldBeProblem(400, "BadRequestData");
    }

    [Theory]
    [InlineData("""{"type":"Sensor","level":[{"type":"Property","value":1}]}""")]
    [InlineData("""{"id":"not a uri","type":"Sensor"}""")]
    [InlineData("""{"id":"urn:ngsi-ld:Sensor:x","level":[{"type":"Property","value":1}]}""")]
    [InlineData("""{"id":"urn:ngsi-ld:Sensor:x","type":"Sensor","level":"urn:ngsi-ld:null"}""")]
    [InlineData("""{"id":"urn:ngsi-ld:Sensor:x","type":"Sensor","level":[{"type":"Property"}]}""")]
    public async Task An_invalid_temporal_entity_is_refused_and_nothing_is_stored(string body)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        (await _client.PostAsync(Entities, TestData.Parse(body))).ShouldBeProblem(400, "BadRequestData");

        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Unknown_entities_attributes_and_instances_are_ResourceNotFound()
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level", (1, "2024-01-01T00:00:00Z")));

        (await _client.GetAsync(EntityPath(TestData.NewId()))).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.GetAsync(EntityPath(id) + "?attrs=unknown")).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.DeleteAsync($"{EntityPath(id)}/attrs/unknown")).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.DeleteAsync($"{EntityPath(id)}/attrs/level/urn:ngsi-ld:attribute-instance:999999999")).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.PostAsync($"{EntityPath(TestData.NewId())}/attrs", TestData.Parse("""{"level":{"type":"Property","value":1}}""")))
            .ShouldBeProblem(404, "ResourceNotFound");
    }
}
