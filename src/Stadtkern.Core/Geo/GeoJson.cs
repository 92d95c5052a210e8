using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Stadtkern.Errors;

namespace Stadtkern.Geo;

/// <summary>Validates GeoJSON geometries (RFC 7946) and turns them into NetTopologySuite geometries in WGS 84 degrees.</summary>
public static class GeoJson
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>Returns a copy of the geometry when it is valid, else a BadRequestData error naming the attribute.</summary>
    public static JsonObject Validate(string attribute, JsonObject geometry)
    {
        try
        {
            _ = ToGeometry(geometry);
        }
        catch (FormatException e)
        {
            throw NgsiLdException.BadData($"The GeoProperty '{attribute}' is not a valid GeoJSON geometry: {e.Message}");
        }
        return (JsonObject)geometry.DeepClone();
    }

    /// <summary>Parses a GeoJSON geometry; throws <see cref="FormatException"/> with the reason when it is invalid.</summary>
    public static Geometry ToGeometry(JsonObject geometry)
    {
        var type = geometry["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : throw new FormatException("no type");
        if (type == "GeometryCollection")
        {
            if (geometry["geometries"] is not JsonArray parts) throw new FormatException("a GeometryCollection needs geometries");
            return Factory.CreateGeometryCollection(parts.Select(p => ToGeometry(p as JsonObject ?? throw new FormatException("not a geometry"))).ToArray());
        }
        var coordinates = geometry["coordinates"] as JsonArray ?? throw new FormatException("no coordinates");
        return ToGeometry(type, coordinates);
    }

    /// <summary>Parses a geometry from its type and coordinates (as the NGSI-LD geo-query parameters give them).</summary>
    public static Geometry ToGeometry(string type, JsonArray coordinates) => type switch
    {
        "Point" => Factory.CreatePoint(Position(coordinates)),
        "MultiPoint" => Factory.CreateMultiPointFromCoords(Positions(coordinates, 1)),
        "LineString" => Factory.CreateLineString(Positions(coordinates, 2)),
        "MultiLineString" => Factory.CreateMultiLineString(coordinates.Select(l => Factory.CreateLineString(Positions(AsArray(l), 2))).ToArray()),
        "Polygon" => Polygon(coordinates),
        "MultiPolygon" => Factory.CreateMultiPolygon(coordinates.Select(p => Polygon(AsArray(p))).ToArray()),
        _ => throw new FormatException($"'{type}' is not a GeoJSON geometry type"),
    };

    private static Polygon Polygon(JsonArray rings)
    {
        if (rings.Count == 0) throw new FormatException("a Polygon needs at least one ring");
        var linear = rings.Select(r =>
        {
            var positions = Positions(AsArray(r), 4);
            if (!positions[0].Equals2D(positions[^1])) throw new FormatException("a Polygon ring must be closed");
            return Factory.CreateLinearRing(positions);
        }).ToArray();
        return Factory.CreatePolygon(linear[0], linear[1..]);
    }

    private static JsonArray AsArray(JsonNode? node) => node as JsonArray ?? throw new FormatException("coordinates must be nested arrays");

    private static Coordinate[] Positions(JsonArray list, int minimum)
    {
        if (list.Count < minimum) throw new FormatException($"at least {minimum} positions are needed");
        return list.Select(p => Position(AsArray(p))).ToArray();
    }

    private static Coordinate Position(JsonArray position)
    {
        if (position.Count is < 2 or > 3) throw new FormatException("a position has two or three numbers");
        var lon = Number(position[0]);
        var lat = Number(position[1]);
        if (lon is < -180 or > 180 || lat is < -90 or > 90) throw new FormatException("a position is outside longitude/latitude bounds");
        return new Coordinate(lon, lat);
    }

    private static double Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : throw new FormatException("coordinates must be numbers");

    /// <summary>Distance in metres between two geometries, on a local flat projection around the first one (accurate at city scale).</summary>
    public static double DistanceMetres(Geometry reference, Geometry other)
    {
        var origin = reference.Centroid.Coordinate;
        var kx = 111_320.0 * Math.Cos(origin.Y * Math.PI / 180);
        const double ky = 110_574.0;
        return Project(reference, origin, kx, ky).Distance(Project(other, origin, kx, ky));
    }

    private static Geometry Project(Geometry g, Coordinate origin, double kx, double ky)
    {
        var copy = g.Copy();
        copy.Apply(new ProjectFilter(origin, kx, ky));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class ProjectFilter(Coordinate origin, double kx, double ky) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, (seq.GetX(i) - origin.X) * kx);
            seq.SetY(i, (seq.GetY(i) - origin.Y) * ky);
        }
    }
}
