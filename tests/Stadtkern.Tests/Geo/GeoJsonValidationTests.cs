using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Geo;

namespace Stadtkern.Tests.Geo;

/// <summary>GeoJSON geometry validation (RFC 7946) for GeoProperty values.</summary>
public sealed class GeoJsonValidationTests
{
    private static JsonObject Geometry(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[8.65,49.87]}""")]
    [InlineData("""{"type":"Point","coordinates":[8.65,49.87,140.5]}""")]
    [InlineData("""{"type":"Point","coordinates":[-180,-90]}""")]
    [InlineData("""{"type":"MultiPoint","coordinates":[[8.65,49.87],[8.66,49.88]]}""")]
    [InlineData("""{"type":"LineString","coordinates":[[8.65,49.87],[8.66,49.88]]}""")]
    [InlineData("""{"type":"MultiLineString","coordinates":[[[8.65,49.87],[8.66,49.88]],[[8.6,49.8],[8.7,49.9]]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[8.6,49.8],[8.7,49.8],[8.7,49.9],[8.6,49.8]]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[4,2],[4,4],[2,2]]]}""")]
    [InlineData("""{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}""")]
    [InlineData("""{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[1,2],[3,4]]}]}""")]
    public void Valid_geometries_are_accepted_unchanged(string json)
    {
        var geometry = Geometry(json);

        var validated = GeoJson.Validate("location", geometry);

        Assert.True(JsonNode.DeepEquals(geometry, validated));
        Assert.NotSame(geometry, validated);
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[8.65]}""")]
    [InlineData("""{"type":"Point","coordinates":[1,2,3,4]}""")]
    [InlineData("""{"type":"Point","coordinates":["8.65","49.87"]}""")]
    [InlineData("""{"type":"Point","coordinates":[8.65,95]}""")]
    [InlineData("""{"type":"Point","coordinates":[200,49]}""")]
    [InlineData("""{"type":"Point"}""")]
    [InlineData("""{"coordinates":[8.65,49.87]}""")]
    [InlineData("""{"type":"Circle","coordinates":[8.65,49.87]}""")]
    [InlineData("""{"type":"LineString","coordinates":[[8.65,49.87]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[8.6,49.8],[8.7,49.8],[8.7,49.9],[8.6,49.85]]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[8.6,49.8],[8.7,49.8],[8.6,49.8]]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[8.6,49.8]}""")]
    [InlineData("""{"type":"GeometryCollection"}""")]
    [InlineData("""{"type":"GeometryCollection","geometries":[5]}""")]
    [InlineData("""{"type":5,"coordinates":[1,2]}""")]
    public void Invalid_geometries_are_BadRequestData_naming_the_attribute(string json)
    {
        var error = Assert.Throws<NgsiLdException>(() => GeoJson.Validate("serviceArea", Geometry(json)));

        Assert.Equal(ErrorType.BadRequestData, error.Type);
        Assert.Contains("serviceArea", error.Detail);
    }

    [Theory]
    [InlineData(0.009044, 0, 1000)]
    [InlineData(0.0009044, 0, 100)]
    [InlineData(0, 0.01398, 1000)]
    public void Distance_in_metres_is_accurate_at_city_scale(double northDegrees, double eastDegrees, double expectedMetres)
    {
        var origin = GeoJson.ToGeometry(Geometry("""{"type":"Point","coordinates":[8.6512,49.8728]}"""));
        var other = GeoJson.ToGeometry("Point", new JsonArray(8.6512 + eastDegrees, 49.8728 + northDegrees));

        var metres = GeoJson.DistanceMetres(origin, other);

        Assert.InRange(metres, expectedMetres * 0.99, expectedMetres * 1.01);
    }

    [Fact]
    public void Distance_to_a_polygon_is_to_its_nearest_edge_and_zero_inside()
    {
        var inside = GeoJson.ToGeometry("Point", new JsonArray(8.65, 49.87));
        var square = GeoJson.ToGeometry(Geometry("""{"type":"Polygon","coordinates":[[[8.64,49.86],[8.66,49.86],[8.66,49.88],[8.64,49.88],[8.64,49.86]]]}"""));
        var north = GeoJson.ToGeometry("Point", new JsonArray(8.65, 49.88 + 0.009044));

        Assert.Equal(0, GeoJson.DistanceMetres(inside, square), 3);
        Assert.InRange(GeoJson.DistanceMetres(north, square), 990, 1010);
    }
}
