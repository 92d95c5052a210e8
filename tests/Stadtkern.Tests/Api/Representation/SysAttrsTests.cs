using Stadtkern.Model;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Representation;

/// <summary><c>options=sysAttrs</c> (clause 4.8): createdAt and modifiedAt on the entity and its attributes, only when asked for.</summary>
public sealed class SysAttrsTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Without_sysAttrs_no_system_dates_are_shown()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        var entity = await _client.RetrieveOkAsync(id);

        Assert.DoesNotContain("createdAt", entity.ToJsonString());
        Assert.DoesNotContain("modifiedAt", entity.ToJsonString());
    }

    [Fact]
    public async Task With_sysAttrs_the_entity_and_its_attributes_carry_valid_dates()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        var entity = await _client.RetrieveOkAsync(id, "options=sysAttrs");

        foreach (var holder in new[] { entity, entity["temperature"]!.AsObject() })
        {
            Assert.True(Validation.TryParseDateTime(holder["createdAt"]?.GetValue<string>(), out _), holder.ToJsonString());
            Assert.True(Validation.TryParseDateTime(holder["modifiedAt"]?.GetValue<string>(), out _), holder.ToJsonString());
        }
    }

    [Fact]
    public async Task Updating_one_attribute_moves_its_modifiedAt_and_keeps_the_other_attribute_dates()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","a":1,"b":2}"""));
        var before = await _client.RetrieveOkAsync(id, "options=sysAttrs");

        (await _client.PatchAsync(NgsiClient.AttributePath(id, "a"), TestData.Parse("""{"value":10}"""))).ShouldHaveStatus(204);

        var after = await _client.RetrieveOkAsync(id, "options=sysAttrs");
        Assert.Equal(before["a"]!["createdAt"]!.GetValue<string>(), after["a"]!["createdAt"]!.GetValue<string>());
        Assert.NotEqual(before["a"]!["modifiedAt"]!.GetValue<string>(), after["a"]!["modifiedAt"]!.GetValue<string>());
        Assert.Equal(before["b"]!["modifiedAt"]!.GetValue<string>(), after["b"]!["modifiedAt"]!.GetValue<string>());
        Assert.Equal(before["createdAt"]!.GetValue<string>(), after["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task System_dates_sent_by_a_client_are_ignored()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""
            {"id":"{{id}}","type":"Thing","createdAt":"1999-01-01T00:00:00Z","a":{"type":"Property","value":1,"createdAt":"1999-01-01T00:00:00Z"} }
            """));

        var entity = await _client.RetrieveOkAsync(id, "options=sysAttrs");

        Assert.DoesNotContain("1999", entity.ToJsonString());
    }
}
