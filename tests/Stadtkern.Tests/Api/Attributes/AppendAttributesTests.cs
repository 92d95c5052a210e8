using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Attributes;

/// <summary>POST /entities/{id}/attrs (clause 5.6.3): append, overwriting unless noOverwrite.</summary>
public sealed class AppendAttributesTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private static string AttrsPath(string id) => NgsiClient.EntityPath(id) + "/attrs";

    [Fact]
    public async Task Append_of_a_new_attribute_answers_204_and_adds_it()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        var reply = await _client.PostAsync(AttrsPath(id), TestData.Parse("""{"humidity":{"type":"Property","value":55}}"""));

        reply.ShouldHaveStatus(204);
        var entity = await _client.RetrieveOkAsync(id);
        Assert.Equal(55, TestData.ValueOf(entity, "humidity")!.GetValue<int>());
        Assert.NotNull(entity["temperature"]);
    }

    [Fact]
    public async Task Append_overwrites_an_existing_attribute_by_default()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));

        var reply = await _client.PostAsync(AttrsPath(id), TestData.Parse("""{"temperature":{"type":"Property","value":11}}"""));

        reply.ShouldHaveStatus(204);
        Assert.Equal(11, TestData.ValueOf(await _client.RetrieveOkAsync(id), "temperature")!.GetValue<double>());
    }

    [Fact]
    public async Task Append_with_noOverwrite_keeps_existing_attributes_and_answers_207_naming_them()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));

        var reply = await _client.PostAsync(AttrsPath(id) + "?options=noOverwrite",
            TestData.Parse("""{"temperature":{"type":"Property","value":99},"humidity":{"type":"Property","value":40}}"""));

        reply.ShouldHaveStatus(207);
        Assert.Equal(["humidity"], reply.Object["updated"]!.AsArray().Select(n => n!.GetValue<string>()));
        var notUpdated = Assert.Single(reply.Object["notUpdated"]!.AsArray());
        Assert.Equal("temperature", notUpdated!["attributeName"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(notUpdated["reason"]?.GetValue<string>()));
        var entity = await _client.RetrieveOkAsync(id);
        Assert.Equal(10, TestData.ValueOf(entity, "temperature")!.GetValue<double>());
        Assert.Equal(40, TestData.ValueOf(entity, "humidity")!.GetValue<int>());
    }

    [Fact]
    public async Task Append_to_an_unknown_entity_answers_404()
    {
        var reply = await _client.PostAsync(AttrsPath(TestData.NewId()), TestData.Parse("""{"x":1}"""));

        reply.ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Append_of_an_instance_with_a_new_datasetId_keeps_the_default_instance()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));

        (await _client.PostAsync(AttrsPath(id), TestData.Parse("""{"temperature":{"type":"Property","value":12,"datasetId":"urn:ngsi-ld:Dataset:b"}}""")))
            .ShouldHaveStatus(204);

        var instances = (await _client.RetrieveOkAsync(id))["temperature"]!.AsArray();
        Assert.Equal(2, instances.Count);
        Assert.Contains(instances, i => i!["datasetId"] is null && i["value"]!.GetValue<double>() == 10);
        Assert.Contains(instances, i => i!["datasetId"]?.GetValue<string>() == "urn:ngsi-ld:Dataset:b" && i["value"]!.GetValue<double>() == 12);
    }
}
