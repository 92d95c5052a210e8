using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>Values that are legal JSON but awkward (duplicate members, numbers out of range, odd types) are refused or stored, never a 500 — now or when queried later.</summary>
public sealed class HostileValueTests(TargetFixture fixture) : IClassFixture<TargetFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Duplicate_member_names_answer_a_client_error_and_change_nothing()
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities,
            """{"id":"urn:ngsi-ld:Thing:dup","type":"Thing","type":"Other","a":1}""", NgsiClient.Json);

        reply.ShouldBeClientError();
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Duplicate_member_names_in_an_attribute_answer_a_client_error()
    {
        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities,
            """{"id":"urn:ngsi-ld:Thing:dup2","type":"Thing","a":{"type":"Property","value":1,"value":2}}""", NgsiClient.Json);

        reply.ShouldBeClientError();
    }

    /// <summary>1e400 is valid JSON but no double: the broker must refuse it or store it so that later queries still work.</summary>
    [Fact]
    public async Task Number_beyond_double_range_never_makes_a_later_query_fail()
    {
        var type = TestData.NewType();
        var id = TestData.NewId();

        var create = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, $$"""{"id":"{{id}}","type":"{{type}}","big":1e400}""", NgsiClient.Json);
        create.ShouldBeClientErrorOr(201);

        (await _client.QueryAsync(("type", type), ("q", "big>5"))).ShouldHaveStatus(200);
        (await _client.QueryAsync(("type", type), ("q", "big==5"))).ShouldHaveStatus(200);
        (await _client.RetrieveAsync(id)).ShouldBeClientErrorOr(200);
    }

    [Fact]
    public async Task Geo_coordinates_beyond_double_range_answer_400()
    {
        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities,
            $$"""{"id":"{{TestData.NewId()}}","type":"Thing","location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[1e400,49]} } }""", NgsiClient.Json);

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Very_long_attribute_value_is_stored_and_returned_whole()
    {
        var id = TestData.NewId();
        var text = string.Concat(Enumerable.Repeat("Ünïcødé ✓ 🚲 ", 2000));

        await _client.CreateOkAsync(new System.Text.Json.Nodes.JsonObject { ["id"] = id, ["type"] = "Thing", ["note"] = text });

        Assert.Equal(text, TestData.ValueOf(await _client.RetrieveOkAsync(id), "note")!.GetValue<string>());
    }

    [Fact]
    public async Task Ngsi_ld_null_in_a_create_is_refused()
    {
        var reply = await _client.CreateAsync(TestData.Parse($$"""{"id":"{{TestData.NewId()}}","type":"Thing","a":{"type":"Property","value":"urn:ngsi-ld:null"} }"""));

        reply.ShouldBeProblem(400, "BadRequestData");
    }
}
