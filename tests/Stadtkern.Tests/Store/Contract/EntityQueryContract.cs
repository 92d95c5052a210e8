using Stadtkern.Broker;
using Stadtkern.JsonLd;
using Stadtkern.Store;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>
/// Queries as the API asks them (id pattern, type expressions, q with ranges, lists, patterns and nested paths, scopeQ,
/// geo-queries, attrs, paging and count): the backend narrows, the core's exact filter decides, and every backend must
/// give the same entities.
/// </summary>
public abstract class EntityQueryContract<TBackend>(TBackend backend) : StoreContract<TBackend>(backend) where TBackend : StoreBackend, new()
{
    private static readonly string[] Sample =
    [
        """{"id":"urn:ngsi-ld:Sensor:s1","type":"Sensor","scope":"/city/north","temperature":{"type":"Property","value":18},"name":{"type":"Property","value":"alpha"},"levels":{"type":"Property","value":[1,2]},"address":{"type":"Property","value":{"city":"Bonn"}},"location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[7.1,50.7]}}}""",
        """{"id":"urn:ngsi-ld:Sensor:s2","type":"Sensor","scope":"/city/south","temperature":{"type":"Property","value":21},"name":{"type":"Property","value":"beta"},"levels":{"type":"Property","value":[3]},"address":{"type":"Property","value":{"city":"Köln"}},"location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[6.95,50.94]}}}""",
        """{"id":"urn:ngsi-ld:Sensor:s3","type":"Sensor","temperature":{"type":"Property","value":25.5},"name":{"type":"Property","value":"gamma"},"location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[13.4,52.5]}}}""",
        """{"id":"urn:ngsi-ld:Other:s4","type":"Other","temperature":{"type":"Property","value":21},"name":{"type":"Property","value":"beta"}}""",
        """{"id":"urn:ngsi-ld:Sensor:s5","type":"Sensor","name":{"type":"Property","value":"delta"}}""",
    ];

    private async Task<EntityService> SampleAsync()
    {
        var service = Service(await OpenAsync());
        foreach (var json in Sample) await service.CreateAsync(Tenant, TestData.Parse(json), JsonLdContext.Core, None);
        return service;
    }

    private async Task<List<string>> IdsAsync(EntityService service, EntityQueryParameters parameters) =>
        (await service.QueryAsync(Tenant, parameters with { Limit = parameters.Limit ?? 100 }, JsonLdContext.Core, None)).Entities
        .Select(e => e["id"]!.GetValue<string>()[^2..]).Order(StringComparer.Ordinal).ToList();

    [SkippableTheory]
    [InlineData("temperature>20", "s2 s3")]
    [InlineData("temperature==21", "s2")]
    [InlineData("temperature==20..22", "s2")]
    [InlineData("temperature==18,25.5", "s1 s3")]
    [InlineData("temperature!=21", "s1 s3")]
    [InlineData("name==\"beta\"", "s2")]
    [InlineData("name==\"alpha\",\"delta\"", "s1 s5")]
    [InlineData("name>\"beta\"", "s3 s5")]
    [InlineData("name~=\"^(al|ga)\"", "s1 s3")]
    [InlineData("temperature>20;name==\"gamma\"", "s3")]
    [InlineData("temperature<19|name==\"delta\"", "s1 s5")]
    [InlineData("(temperature<19|name==\"delta\");levels", "s1")]
    [InlineData("address[city]==\"Bonn\"", "s1")]
    [InlineData("levels==3", "s2")]
    [InlineData("levels==0..1", "s1")]
    [InlineData("temperature", "s1 s2 s3")]
    public async Task Q_selects_the_same_entities(string q, string expected)
    {
        var service = await SampleAsync();

        Assert.Equal(expected.Split(' '), await IdsAsync(service, new EntityQueryParameters { Type = "Sensor", Q = q }));
    }

    [SkippableTheory]
    [InlineData("Sensor,Other", "temperature==21", null, "s2 s4")]
    [InlineData("Sensor|Other", null, null, "s1 s2 s3 s4 s5")]
    [InlineData("Other", "name==\"beta\"", null, "s4")]
    [InlineData("Sensor", null, ".*:s[12]$", "s1 s2")]
    public async Task Type_expressions_and_id_patterns_select_the_same_entities(string type, string? q, string? idPattern, string expected)
    {
        var service = await SampleAsync();

        Assert.Equal(expected.Split(' '), await IdsAsync(service, new EntityQueryParameters { Type = type, Q = q, IdPattern = idPattern }));
    }

    [SkippableFact]
    public async Task ScopeQ_attrs_and_ids_select_the_same_entities()
    {
        var service = await SampleAsync();

        Assert.Equal(["s1"], await IdsAsync(service, new EntityQueryParameters { Type = "Sensor", ScopeQ = "/city/north" }));
        Assert.Equal(["s1", "s2"], await IdsAsync(service, new EntityQueryParameters { Type = "Sensor", ScopeQ = "/city/#" }));
        Assert.Equal(["s1", "s2"], await IdsAsync(service, new EntityQueryParameters { Type = "Sensor", Attrs = ["levels"] }));
        Assert.Equal(["s3", "s4"], await IdsAsync(service, new EntityQueryParameters { Ids = ["urn:ngsi-ld:Sensor:s3", "urn:ngsi-ld:Other:s4"] }));
    }

    [SkippableTheory]
    [InlineData("near;maxDistance==50000", "Point", "[7.0,50.8]", "s1 s2")]
    [InlineData("near;minDistance==50000", "Point", "[7.0,50.8]", "s3")]
    [InlineData("within", "Polygon", "[[[13,52],[14,52],[14,53],[13,53],[13,52]]]", "s3")]
    [InlineData("intersects", "Polygon", "[[[6,50],[8,50],[8,51.5],[6,51.5],[6,50]]]", "s1 s2")]
    [InlineData("disjoint", "Polygon", "[[[6,50],[8,50],[8,51.5],[6,51.5],[6,50]]]", "s3")]
    public async Task Geo_queries_select_the_same_entities(string georel, string geometry, string coordinates, string expected)
    {
        var service = await SampleAsync();

        var ids = await IdsAsync(service, new EntityQueryParameters { Type = "Sensor", GeoRel = georel, Geometry = geometry, Coordinates = coordinates });

        Assert.Equal(expected.Split(' '), ids);
    }

    [SkippableFact]
    public async Task Pages_of_a_q_query_cover_every_match_once_with_the_count()
    {
        var service = await SampleAsync();
        var seen = new List<string>();
        long? total = null;

        for (var offset = 0; offset < 6; offset++)
        {
            var page = await service.QueryAsync(Tenant, new EntityQueryParameters { Q = "temperature>=18", Limit = 1, Offset = offset, Count = true },
                JsonLdContext.Core, None);
            seen.AddRange(page.Entities.Select(e => e["id"]!.GetValue<string>()[^2..]));
            total = page.Total;
        }

        Assert.Equal(4, total);
        Assert.Equal(["s1", "s2", "s3", "s4"], seen.Order(StringComparer.Ordinal));
    }
}
