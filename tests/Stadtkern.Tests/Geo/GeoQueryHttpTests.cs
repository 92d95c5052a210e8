using System.Globalization;
using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Geo;

/// <summary>Geo-queries over HTTP (clause 4.10): near with max/minDistance in metres, area relations, another geoproperty, and errors.</summary>
public sealed class GeoQueryHttpTests(GeoQueryHttpTests.CityFixture fixture) : IClassFixture<GeoQueryHttpTests.CityFixture>
{
    private readonly NgsiClient _client = fixture.Client;
    private const double Lon = 8.6512;
    private const double Lat = 49.8728;
    private static readonly string Centre = Invariant($"[{Lon},{Lat}]");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Lamps at 100 m, 500 m, 1000 m and 2000 m north of the centre, one 700 m east, one with only a serviceArea, and a square park.</summary>
    public sealed class CityFixture : BrokerFixture
    {
        protected override Task SeedAsync(NgsiClient client)
        {
            static JsonObject Lamp(string name, double lon, double lat) => new()
            {
                ["id"] = $"urn:ngsi-ld:Lamp:{name}",
                ["type"] = "Lamp",
                ["location"] = TestData.Point(lon, lat),
            };
            var metre = 1 / 110_574.0;
            var metreEast = 1 / (111_320.0 * Math.Cos(Lat * Math.PI / 180));
            return client.SeedAsync(
            [
                Lamp("n100", Lon, Lat + 100 * metre),
                Lamp("n500", Lon, Lat + 500 * metre),
                Lamp("n1000", Lon, Lat + 1000 * metre),
                Lamp("n2000", Lon, Lat + 2000 * metre),
                Lamp("e700", Lon + 700 * metreEast, Lat),
                TestData.Parse("""
                    {"id":"urn:ngsi-ld:Lamp:area-only","type":"Lamp",
                     "serviceArea":{"type":"GeoProperty","value":{"type":"Polygon","coordinates":[[[8.64,49.86],[8.66,49.86],[8.66,49.88],[8.64,49.88],[8.64,49.86]]]}}}
                    """),
                TestData.Parse("""
                    {"id":"urn:ngsi-ld:Park:herrngarten","type":"Park",
                     "location":{"type":"GeoProperty","value":{"type":"Polygon","coordinates":[[[8.650,49.875],[8.655,49.875],[8.655,49.879],[8.650,49.879],[8.650,49.875]]]}}}
                    """),
            ]);
        }
    }

    private async Task<string[]> FindAsync(string georel, string geometry = "Point", string? coordinates = null, params (string, string)[] extra)
    {
        var ids = await _client.QueryIdsAsync([("georel", georel), ("geometry", geometry), ("coordinates", coordinates ?? Centre), ("limit", "100"), .. extra]);
        return ids.Select(id => id[(id.LastIndexOf(':') + 1)..]).Order().ToArray();
    }

    [Theory]
    [InlineData("near;maxDistance==750", "Lamp", "e700,n100,n500")]
    [InlineData("near;maxDistance==50", "Lamp", "")]
    [InlineData("near;minDistance==750", "Lamp", "n1000,n2000")]
    [InlineData("near;minDistance==300;maxDistance==1500", "Lamp", "e700,n1000,n500")]
    [InlineData("near;maxDistance==3000", "Lamp", "e700,n100,n1000,n2000,n500")]
    public async Task Near_selects_by_distance_in_metres(string georel, string type, string expected)
    {
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), await FindAsync(georel, extra: ("type", type)));
    }

    [Fact]
    public async Task Within_selects_points_inside_a_polygon()
    {
        var box = Invariant($"[[[{Lon - 0.001},{Lat + 0.003}],[{Lon + 0.001},{Lat + 0.003}],[{Lon + 0.001},{Lat + 0.010}],[{Lon - 0.001},{Lat + 0.010}],[{Lon - 0.001},{Lat + 0.003}]]]");

        Assert.Equal(["n1000", "n500"], await FindAsync("within", "Polygon", box));
    }

    [Fact]
    public async Task Intersects_finds_an_area_crossed_by_a_line()
    {
        Assert.Equal(["herrngarten"], await FindAsync("intersects", "LineString", "[[8.649,49.877],[8.656,49.877]]", ("type", "Park")));
    }

    [Fact]
    public async Task Contains_finds_the_area_holding_a_point()
    {
        Assert.Equal(["herrngarten"], await FindAsync("contains", "Point", "[8.652,49.877]"));
    }

    [Fact]
    public async Task Disjoint_finds_everything_with_a_location_outside_the_reference()
    {
        var everything = await FindAsync("disjoint", "Point", "[0,0]", ("type", "Lamp,Park"));

        Assert.Equal(["e700", "herrngarten", "n100", "n1000", "n2000", "n500"], everything);
    }

    [Fact]
    public async Task Geoproperty_chooses_another_GeoProperty()
    {
        Assert.Equal(["area-only"], await FindAsync("intersects", "Point", "[8.65,49.87]", ("geoproperty", "serviceArea")));
    }

    [Fact]
    public async Task Geo_query_combines_with_q_and_count()
    {
        var reply = await _client.QueryAsync(("georel", "near;maxDistance==1500"), ("geometry", "Point"), ("coordinates", Centre), ("type", "Lamp"),
            ("q", "location"), ("count", "true"), ("limit", "1"));

        reply.ShouldHaveStatus(200);
        Assert.Equal("4", reply.Header("NGSILD-Results-Count"));
    }

    [Fact]
    public async Task Geo_query_results_can_be_GeoJSON()
    {
        var query = NgsiClient.QueryString(("georel", "near;maxDistance==150"), ("geometry", "Point"), ("coordinates", Centre), ("type", "Lamp"));

        var reply = await _client.QueryAsync(query, NgsiClient.GeoJson);

        reply.ShouldHaveStatus(200);
        var feature = Assert.Single(reply.Object["features"]!.AsArray())!;
        Assert.Equal("urn:ngsi-ld:Lamp:n100", feature["id"]!.GetValue<string>());
        Assert.Equal("Point", feature["geometry"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("near;maxDistance==100", null, "[8.65,49.87]")]
    [InlineData("near;maxDistance==100", "Point", null)]
    [InlineData("near", "Point", "[8.65,49.87]")]
    [InlineData("within", "Polygon", "[[[8.6,49.8],[8.7,49.8],[8.7,49.9]]]")]
    [InlineData("near;maxDistance==100", "Point", "[8.65,99]")]
    [InlineData("near;maxDistance==100", "Point", "8.65,49.87")]
    [InlineData("besides", "Point", "[8.65,49.87]")]
    public async Task Incomplete_or_invalid_geo_queries_answer_400(string georel, string? geometry, string? coordinates)
    {
        var parameters = new List<(string, string)> { ("georel", georel) };
        if (geometry is not null) parameters.Add(("geometry", geometry));
        if (coordinates is not null) parameters.Add(("coordinates", coordinates));

        (await _client.QueryAsync([.. parameters])).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Entity_with_an_invalid_location_is_refused_and_nothing_is_stored()
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.CreateAsync(TestData.Parse("""
            {"id":"urn:ngsi-ld:Lamp:broken","type":"Lamp","location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.65,149.87]}}}
            """));

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Location_moved_by_an_update_is_found_at_its_new_place()
    {
        var id = TestData.NewId("Lamp");
        var type = TestData.NewType();
        await _client.CreateOkAsync(new JsonObject { ["id"] = id, ["type"] = type, ["location"] = TestData.Point(10, 10) });

        (await _client.PatchAsync(NgsiClient.EntityPath(id) + "/attrs", new JsonObject { ["location"] = TestData.Point(Lon, Lat) })).ShouldHaveStatus(204);

        Assert.Equal([id], await _client.QueryIdsAsync(("georel", "near;maxDistance==10"), ("geometry", "Point"), ("coordinates", Centre), ("type", type)));
        Assert.Empty(await _client.QueryIdsAsync(("georel", "near;maxDistance==10"), ("geometry", "Point"), ("coordinates", "[10,10]"), ("type", type)));
    }
}
