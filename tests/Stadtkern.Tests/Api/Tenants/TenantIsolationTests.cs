using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Tenants;

/// <summary>NGSILD-Tenant (clause 4.14): data in one tenant is never visible from another tenant or the default one.</summary>
public sealed class TenantIsolationTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _default = fixture.Client;

    [Fact]
    public async Task Entity_created_in_a_tenant_is_only_retrievable_there()
    {
        var tenant = _default.ForTenant(TestData.NewTenant());
        var other = _default.ForTenant(TestData.NewTenant());
        var id = TestData.NewId();

        await tenant.CreateOkAsync(TestData.Entity(id, "Thing"));

        (await tenant.RetrieveAsync(id)).ShouldHaveStatus(200);
        (await _default.RetrieveAsync(id)).ShouldHaveStatus(404);
        (await other.RetrieveAsync(id)).ShouldHaveStatus(404);
    }

    [Fact]
    public async Task Queries_types_and_attributes_see_only_their_tenant()
    {
        var tenant = _default.ForTenant(TestData.NewTenant());
        var other = _default.ForTenant(TestData.NewTenant());
        var type = TestData.NewType();
        await tenant.CreateOkAsync(TestData.Parse($$"""{"id":"{{TestData.NewId()}}","type":"{{type}}","secretAttribute":1,"location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.65,49.87]} } }"""));

        foreach (var outsider in new[] { _default, other })
        {
            Assert.Empty(await outsider.QueryIdsAsync(("type", type)));
            Assert.Empty(await outsider.QueryIdsAsync(("q", "secretAttribute==1")));
            Assert.Empty(await outsider.QueryIdsAsync(("georel", "near;maxDistance==1000"), ("geometry", "Point"), ("coordinates", "[8.65,49.87]")));
            Assert.DoesNotContain(type, (await outsider.GetAsync("ngsi-ld/v1/types")).Body);
            Assert.DoesNotContain("secretAttribute", (await outsider.GetAsync("ngsi-ld/v1/attributes")).Body);
        }
        Assert.Single(await tenant.QueryIdsAsync(("type", type)));
        Assert.Single(await tenant.QueryIdsAsync(("georel", "near;maxDistance==1000"), ("geometry", "Point"), ("coordinates", "[8.65,49.87]"), ("type", type)));
    }

    [Fact]
    public async Task The_same_id_lives_independently_in_two_tenants()
    {
        var a = _default.ForTenant(TestData.NewTenant());
        var b = _default.ForTenant(TestData.NewTenant());
        var id = TestData.NewId();
        await a.CreateOkAsync(TestData.Entity(id, "Thing", 1));
        await b.CreateOkAsync(TestData.Entity(id, "Thing", 2));

        (await a.DeleteAsync(NgsiClient.EntityPath(id))).ShouldHaveStatus(204);

        (await a.RetrieveAsync(id)).ShouldHaveStatus(404);
        Assert.Equal(2, TestData.ValueOf(await b.RetrieveOkAsync(id), "temperature")!.GetValue<double>());
    }

    [Fact]
    public async Task Updates_and_batches_addressed_to_one_tenant_never_touch_another()
    {
        var a = _default.ForTenant(TestData.NewTenant());
        var id = TestData.NewId();
        await _default.CreateOkAsync(TestData.Entity(id, "Thing", 1));

        (await a.PatchAsync(NgsiClient.EntityPath(id) + "/attrs", TestData.Parse("""{"temperature":99}"""))).ShouldHaveStatus(404);
        (await a.BatchAsync("upsert", TestData.Array(TestData.Entity(id, "Thing", 50)))).ShouldHaveStatus(201);
        (await a.BatchAsync("delete", [id])).ShouldHaveStatus(204);

        Assert.Equal(1, TestData.ValueOf(await _default.RetrieveOkAsync(id), "temperature")!.GetValue<double>());
    }

    [Theory]
    [InlineData("bad tenant")]
    [InlineData("x';DROP TABLE entities;--")]
    [InlineData("<script>")]
    public async Task Tenant_name_with_forbidden_characters_answers_400_and_changes_nothing(string name)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _default.ForTenant(name).CreateAsync(TestData.Entity(TestData.NewId(), "Thing"));

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }
}
