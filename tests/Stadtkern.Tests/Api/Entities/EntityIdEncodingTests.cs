using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Entities;

/// <summary>Entity ids with characters that need percent-encoding in a path (slashes, #, ?, %, non-ASCII) work on every entity endpoint.</summary>
public sealed class EntityIdEncodingTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    public static TheoryData<string> Ids() =>
    [
        "https://data.example.org/things/lamp-1",
        "urn:ngsi-ld:Thing:a/b/c",
        "urn:ngsi-ld:Thing:hash#part",
        "urn:ngsi-ld:Thing:question?mark",
        "urn:ngsi-ld:Thing:percent%41",
        "urn:ngsi-ld:Straße:Hügelstraße-1",
        "urn:ngsi-ld:Thing:plus+sign",
    ];

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Id_is_created_retrieved_updated_and_deleted_through_its_encoded_path(string stem)
    {
        var id = $"{stem}-{Guid.NewGuid():N}";
        (await _client.CreateAsync(TestData.Entity(id, "Thing", 1))).ShouldHaveStatus(201);

        var retrieved = await _client.RetrieveOkAsync(id);
        Assert.Equal(id, retrieved["id"]!.GetValue<string>());

        (await _client.PatchAsync(NgsiClient.AttributePath(id, "temperature"), TestData.Parse("""{"value":2}"""))).ShouldHaveStatus(204);
        Assert.Equal(2, TestData.ValueOf(await _client.RetrieveOkAsync(id), "temperature")!.GetValue<double>());

        (await _client.DeleteAsync(NgsiClient.EntityPath(id))).ShouldHaveStatus(204);
        (await _client.RetrieveAsync(id)).ShouldHaveStatus(404);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Id_is_found_by_an_id_query(string stem)
    {
        var id = $"{stem}-{Guid.NewGuid():N}";
        await _client.CreateOkAsync(TestData.Entity(id, "Thing"));

        Assert.Equal([id], await _client.QueryIdsAsync(("id", id), ("type", "Thing")));
    }

    [Fact]
    public async Task Ids_differing_only_in_case_are_different_entities()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id.ToLowerInvariant(), "Thing", 1));
        await _client.CreateOkAsync(TestData.Entity("urn:ngsi-ld:THING:" + id["urn:ngsi-ld:Thing:".Length..], "Thing", 2));

        Assert.Equal(1, TestData.ValueOf(await _client.RetrieveOkAsync(id.ToLowerInvariant()), "temperature")!.GetValue<double>());
    }
}
