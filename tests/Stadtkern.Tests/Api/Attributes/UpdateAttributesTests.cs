using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Attributes;

/// <summary>PATCH /entities/{id}/attrs (clause 5.6.2): only existing attributes are updated; the others are reported.</summary>
public sealed class UpdateAttributesTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private static string AttrsPath(string id) => NgsiClient.EntityPath(id) + "/attrs";

    [Fact]
    public async Task Update_of_existing_attributes_answers_204()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));

        var reply = await _client.PatchAsync(AttrsPath(id), TestData.Parse("""{"temperature":{"type":"Property","value":15}}"""));

        reply.ShouldHaveStatus(204);
        Assert.Equal(15, TestData.ValueOf(await _client.RetrieveOkAsync(id), "temperature")!.GetValue<double>());
    }

    [Fact]
    public async Task Update_naming_a_missing_attribute_answers_207_with_it_in_notUpdated_and_does_not_add_it()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));

        var reply = await _client.PatchAsync(AttrsPath(id),
            TestData.Parse("""{"temperature":{"type":"Property","value":16},"missing":{"type":"Property","value":1}}"""));

        reply.ShouldHaveStatus(207);
        Assert.Equal(["temperature"], reply.Object["updated"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("missing", Assert.Single(reply.Object["notUpdated"]!.AsArray())!["attributeName"]!.GetValue<string>());
        var entity = await _client.RetrieveOkAsync(id);
        Assert.Equal(16, TestData.ValueOf(entity, "temperature")!.GetValue<double>());
        Assert.Null(entity["missing"]);
    }

    [Fact]
    public async Task Update_of_an_unknown_entity_answers_404()
    {
        var reply = await _client.PatchAsync(AttrsPath(TestData.NewId()), TestData.Parse("""{"x":1}"""));

        reply.ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Update_with_the_ngsi_ld_null_deletes_the_attribute()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","a":1,"b":2}"""));

        (await _client.PatchAsync(AttrsPath(id), TestData.Parse("""{"a":{"type":"Property","value":"urn:ngsi-ld:null"}}"""))).ShouldHaveStatus(204);

        var entity = await _client.RetrieveOkAsync(id);
        Assert.Null(entity["a"]);
        Assert.NotNull(entity["b"]);
    }
}
