using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Attributes;

/// <summary>PUT /entities/{id}/attrs/{attr} (clause 5.6.19): the attribute is replaced whole.</summary>
public sealed class ReplaceAttributeTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Replace_answers_204_and_the_attribute_is_exactly_the_new_one()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));

        var reply = await _client.PutAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse("""{"type":"Property","value":283.15,"unitCode":"KEL"}"""));

        reply.ShouldHaveStatus(204);
        var temperature = (await _client.RetrieveOkAsync(id))["temperature"]!;
        Assert.Equal(283.15, temperature["value"]!.GetValue<double>());
        Assert.Equal("KEL", temperature["unitCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replace_drops_metadata_the_new_attribute_does_not_have()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));

        (await _client.PutAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse("""{"type":"Property","value":11}"""))).ShouldHaveStatus(204);

        Assert.Null((await _client.RetrieveOkAsync(id))["temperature"]!["unitCode"]);
    }

    [Fact]
    public async Task Replacing_an_attribute_the_entity_does_not_have_answers_404()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        var reply = await _client.PutAsync(NgsiClient.AttributePath(id, "nothere"), TestData.Parse("""{"type":"Property","value":1}"""));

        reply.ShouldBeProblem(404, "ResourceNotFound");
    }
}
