using System.Text.Json.Nodes;
using Stadtkern.Geo;

namespace Stadtkern.Tests.Geo;

/// <summary>Geo-query relations evaluated against stored entities, with near distances in metres.</summary>
public sealed class GeoQueryRelationTests
{
    private const string Location = "https://uri.etsi.org/ngsi-ld/location";
    private const double Lon = 8.6512;
    private const double Lat = 49.8728;

    /// <summary>Degrees of latitude for a distance in metres.</summary>
    private static double North(double metres) => metres / 110_574.0;

    /// <summary>Degrees of longitude for a distance in metres at the test latitude.</summary>
    private static double East(double metres) => metres / (111_320.0 * Math.Cos(Lat * Math.PI / 180));

    private static JsonObject EntityAt(string geometry) => new()
    {
        [Location] = new JsonArray(new JsonObject { ["type"] = "GeoProperty", ["value"] = JsonNode.Parse(geometry) }),
    };

    private static JsonObject PointEntity(double lon, double lat) =>
        EntityAt($$"""{"type":"Point","coordinates":[{{lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}},{{lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}]}""");

    private static bool Near(string georel, JsonObject entity) =>
        GeoQuery.Parse(georel, "Point", FormattableString.Invariant($"[{Lon},{Lat}]"), Location).Matches(entity);

    [Theory]
    [InlineData("near;maxDistance==1100", true)]
    [InlineData("near;maxDistance==900", false)]
    [InlineData("near;minDistance==900", true)]
    [InlineData("near;minDistance==1100", false)]
    [InlineData("near;minDistance==900;maxDistance==1100", true)]
    [InlineData("near;minDistance==1100;maxDistance==2000", false)]
    public void Near_measures_metres_to_the_north(string georel, bool expected)
    {
        Assert.Equal(expected, Near(georel, PointEntity(Lon, Lat + North(1000))));
    }

    [Theory]
    [InlineData("near;maxDistance==1050", true)]
    [InlineData("near;maxDistance==950", false)]
    public void Near_measures_metres_to_the_east_at_this_latitude(string georel, bool expected)
    {
        Assert.Equal(expected, Near(georel, PointEntity(Lon + East(1000), Lat)));
    }

    [Fact]
    public void Near_a_polygon_counts_the_distance_to_its_edge()
    {
        var square = EntityAt($$"""
            {"type":"Polygon","coordinates":[[[8.6512,{{Lat + North(500)}}],[8.6612,{{Lat + North(500)}}],[8.6612,{{Lat + North(900)}}],[8.6512,{{Lat + North(900)}}],[8.6512,{{Lat + North(500)}}]]]}
            """);

        Assert.True(Near("near;maxDistance==600", square));
        Assert.False(Near("near;maxDistance==400", square));
    }

    private const string Area = "[[[8.64,49.86],[8.66,49.86],[8.66,49.88],[8.64,49.88],[8.64,49.86]]]";

    [Theory]
    [InlineData("within", 8.65, 49.87, true)]
    [InlineData("within", 8.67, 49.87, false)]
    [InlineData("disjoint", 8.67, 49.87, true)]
    [InlineData("disjoint", 8.65, 49.87, false)]
    [InlineData("intersects", 8.65, 49.87, true)]
    [InlineData("intersects", 8.70, 49.90, false)]
    public void Point_relations_to_an_area(string relation, double lon, double lat, bool expected)
    {
        Assert.Equal(expected, GeoQuery.Parse(relation, "Polygon", Area, Location).Matches(PointEntity(lon, lat)));
    }

    [Fact]
    public void Contains_is_true_when_the_entity_area_holds_the_reference()
    {
        var area = EntityAt($$"""{"type":"Polygon","coordinates":{{Area}}}""");

        Assert.True(GeoQuery.Parse("contains", "Point", "[8.65,49.87]", Location).Matches(area));
        Assert.False(GeoQuery.Parse("contains", "Point", "[8.70,49.87]", Location).Matches(area));
    }

    [Fact]
    public void Equals_is_true_only_for_the_same_geometry()
    {
        Assert.True(GeoQuery.Parse("equals", "Point", "[8.65,49.87]", Location).Matches(PointEntity(8.65, 49.87)));
        Assert.False(GeoQuery.Parse("equals", "Point", "[8.65,49.87]", Location).Matches(PointEntity(8.65, 49.871)));
    }

    [Fact]
    public void Overlaps_is_true_for_areas_sharing_part_of_their_interior()
    {
        var shifted = EntityAt("""{"type":"Polygon","coordinates":[[[8.65,49.87],[8.67,49.87],[8.67,49.89],[8.65,49.89],[8.65,49.87]]]}""");
        var apart = EntityAt("""{"type":"Polygon","coordinates":[[[8.70,49.87],[8.72,49.87],[8.72,49.89],[8.70,49.89],[8.70,49.87]]]}""");

        Assert.True(GeoQuery.Parse("overlaps", "Polygon", Area, Location).Matches(shifted));
        Assert.False(GeoQuery.Parse("overlaps", "Polygon", Area, Location).Matches(apart));
    }

    [Fact]
    public void Line_crossing_an_area_intersects_it()
    {
        var line = EntityAt("""{"type":"LineString","coordinates":[[8.60,49.87],[8.70,49.87]]}""");

        Assert.True(GeoQuery.Parse("intersects", "Polygon", Area, Location).Matches(line));
        Assert.False(GeoQuery.Parse("within", "Polygon", Area, Location).Matches(line));
    }

    [Fact]
    public void Entity_without_the_GeoProperty_never_matches_even_disjoint()
    {
        Assert.False(GeoQuery.Parse("disjoint", "Polygon", Area, Location).Matches(new JsonObject()));
    }

    [Fact]
    public void Any_instance_of_a_multi_attribute_location_can_match()
    {
        var entity = new JsonObject
        {
            [Location] = new JsonArray(
                new JsonObject { ["type"] = "GeoProperty", ["value"] = JsonNode.Parse("""{"type":"Point","coordinates":[10,10]}"""), ["datasetId"] = "urn:a:1" },
                new JsonObject { ["type"] = "GeoProperty", ["value"] = JsonNode.Parse("""{"type":"Point","coordinates":[8.65,49.87]}""") }),
        };

        Assert.True(GeoQuery.Parse("within", "Polygon", Area, Location).Matches(entity));
    }
}
