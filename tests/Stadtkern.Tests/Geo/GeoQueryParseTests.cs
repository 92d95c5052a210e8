using Stadtkern.Errors;
using Stadtkern.Geo;

namespace Stadtkern.Tests.Geo;

/// <summary>Parsing of the geo-query parameters georel, geometry and coordinates (clause 4.10).</summary>
public sealed class GeoQueryParseTests
{
    private const string Location = "https://uri.etsi.org/ngsi-ld/location";

    [Fact]
    public void Near_with_both_distances_is_parsed_in_metres()
    {
        var query = GeoQuery.Parse("near;minDistance==100;maxDistance==2000.5", "Point", "[8.65,49.87]", Location);

        Assert.Equal("near", query.Relation);
        Assert.Equal(100, query.MinDistance);
        Assert.Equal(2000.5, query.MaxDistance);
    }

    [Theory]
    [InlineData("within", "Polygon", "[[[8.6,49.8],[8.7,49.8],[8.7,49.9],[8.6,49.8]]]")]
    [InlineData("contains", "Point", "[8.65,49.87]")]
    [InlineData("intersects", "LineString", "[[8.6,49.8],[8.7,49.9]]")]
    [InlineData("disjoint", "Point", "[8.65,49.87]")]
    [InlineData("equals", "Point", "[8.65,49.87]")]
    [InlineData("overlaps", "Polygon", "[[[8.6,49.8],[8.7,49.8],[8.7,49.9],[8.6,49.8]]]")]
    public void Every_relation_is_accepted(string georel, string geometry, string coordinates)
    {
        Assert.Equal(georel, GeoQuery.Parse(georel, geometry, coordinates, Location).Relation);
    }

    [Theory]
    [InlineData(null, "Point", "[8.65,49.87]")]
    [InlineData("near;maxDistance==10", null, "[8.65,49.87]")]
    [InlineData("near;maxDistance==10", "Point", null)]
    [InlineData("near", "Point", "[8.65,49.87]")]
    [InlineData("near;maxDistance==-5", "Point", "[8.65,49.87]")]
    [InlineData("near;maxDistance==far", "Point", "[8.65,49.87]")]
    [InlineData("near;radius==10", "Point", "[8.65,49.87]")]
    [InlineData("near;maxDistance==10", "Polygon", "[[[8.6,49.8],[8.7,49.8],[8.7,49.9],[8.6,49.8]]]")]
    [InlineData("within;maxDistance==10", "Point", "[8.65,49.87]")]
    [InlineData("beside", "Point", "[8.65,49.87]")]
    [InlineData("within", "Point", "8.65,49.87")]
    [InlineData("within", "Point", "{\"x\":1}")]
    [InlineData("within", "Point", "[8.65]")]
    [InlineData("within", "Square", "[8.65,49.87]")]
    [InlineData("within", "Polygon", "[[[8.6,49.8],[8.7,49.8],[8.7,49.9]]]")]
    public void Incomplete_or_malformed_geo_queries_are_BadRequestData(string? georel, string? geometry, string? coordinates)
    {
        var error = Assert.Throws<NgsiLdException>(() => GeoQuery.Parse(georel, geometry, coordinates, Location));

        Assert.Equal(ErrorType.BadRequestData, error.Type);
    }

    [Fact]
    public void Search_box_of_near_covers_the_max_distance_in_every_direction()
    {
        var query = GeoQuery.Parse("near;maxDistance==1000", "Point", "[8.65,49.87]", Location);

        var box = query.SearchBox()!;

        Assert.True(box.MaxY - 49.87 >= 1000 / 110_574.0 * 0.999);
        Assert.True(box.MaxX - 8.65 >= 1000 / (111_320.0 * Math.Cos(49.87 * Math.PI / 180)) * 0.999);
    }

    [Fact]
    public void Disjoint_and_min_distance_only_queries_cannot_be_bounded()
    {
        Assert.Null(GeoQuery.Parse("disjoint", "Point", "[8.65,49.87]", Location).SearchBox());
        Assert.Null(GeoQuery.Parse("near;minDistance==10", "Point", "[8.65,49.87]", Location).SearchBox());
    }
}
