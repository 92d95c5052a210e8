using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Stadtkern.Errors;
using Stadtkern.Model;

namespace Stadtkern.Geo;

/// <summary>A geo-query (clause 4.10): a relation (near with distances, within, contains, intersects, disjoint, equals, overlaps) between an entity's GeoProperty and a reference geometry.</summary>
public sealed class GeoQuery
{
    public required string Relation { get; init; }

    public double? MaxDistance { get; init; }

    public double? MinDistance { get; init; }

    public required Geometry Reference { get; init; }

    /// <summary>Expanded name of the GeoProperty compared (default <c>location</c>).</summary>
    public required string Property { get; init; }

    /// <summary>Parses the query parameters; any missing or malformed part is a 400 BadRequestData.</summary>
    public static GeoQuery Parse(string? georel, string? geometry, string? coordinates, string property)
    {
        if (string.IsNullOrEmpty(georel) || string.IsNullOrEmpty(geometry) || string.IsNullOrEmpty(coordinates))
            throw NgsiLdException.BadData("A geo-query needs georel, geometry and coordinates.");
        var parts = georel.Split(';');
        var relation = parts[0];
        double? max = null, min = null;
        if (relation == "near")
        {
            foreach (var p in parts.Skip(1))
            {
                var kv = p.Split("==");
                if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d < 0)
                    throw NgsiLdException.BadData($"Invalid georel modifier '{p}'.");
                if (kv[0] == "maxDistance") max = d;
                else if (kv[0] == "minDistance") min = d;
                else throw NgsiLdException.BadData($"Unknown georel modifier '{kv[0]}'.");
            }
            if (max is null && min is null) throw NgsiLdException.BadData("georel=near needs maxDistance or minDistance.");
        }
        else if (relation is not ("within" or "contains" or "intersects" or "disjoint" or "equals" or "overlaps") || parts.Length > 1)
        {
            throw NgsiLdException.BadData($"'{georel}' is not a georel.");
        }
        JsonArray coords;
        try
        {
            coords = JsonNode.Parse(coordinates) as JsonArray ?? throw new FormatException();
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw NgsiLdException.BadData("The geo-query coordinates are not a JSON array.");
        }
        Geometry reference;
        try
        {
            reference = GeoJson.ToGeometry(geometry, coords);
        }
        catch (FormatException e)
        {
            throw NgsiLdException.BadData($"Invalid geo-query geometry: {e.Message}.");
        }
        if (relation == "near" && geometry != "Point") throw NgsiLdException.BadData("georel=near needs a Point.");
        return new GeoQuery { Relation = relation, MaxDistance = max, MinDistance = min, Reference = reference, Property = property };
    }

    /// <summary>A bounding box (lon/lat degrees) that contains every matching geometry, or null when the relation cannot be bounded (disjoint, minDistance only).</summary>
    public Envelope? SearchBox()
    {
        if (Relation is "disjoint") return null;
        if (Relation == "near")
        {
            if (MaxDistance is not { } max) return null;
            var c = Reference.Coordinate;
            var dLat = max / 110_574.0;
            var dLon = max / (111_320.0 * Math.Max(0.01, Math.Cos(c.Y * Math.PI / 180)));
            return new Envelope(c.X - dLon, c.X + dLon, c.Y - dLat, c.Y + dLat);
        }
        return Reference.EnvelopeInternal;
    }

    public bool Matches(JsonObject entity)
    {
        if (entity[Property] is not JsonArray instances) return false;
        foreach (var instance in instances.OfType<JsonObject>())
        {
            if (instance[Members.Type]?.GetValue<string>() != AttributeTypes.GeoProperty || instance[Members.Value] is not JsonObject value) continue;
            Geometry geometry;
            try { geometry = GeoJson.ToGeometry(value); }
            catch (FormatException) { continue; }
            if (Test(geometry)) return true;
        }
        return false;
    }

    private bool Test(Geometry g)
    {
        try
        {
            return Relation switch
            {
                "near" => Near(g),
                "within" => g.Within(Reference),
                "contains" => g.Contains(Reference),
                "intersects" => g.Intersects(Reference),
                "disjoint" => g.Disjoint(Reference),
                "equals" => g.EqualsExact(Reference) || g.Copy().Normalized().EqualsExact(Reference.Copy().Normalized()) || g.EqualsTopologically(Reference),
                "overlaps" => g.Overlaps(Reference),
                _ => false,
            };
        }
        catch (TopologyException)
        {
            return false;
        }
    }

    private bool Near(Geometry g)
    {
        var d = GeoJson.DistanceMetres(Reference, g);
        return (MaxDistance is null || d <= MaxDistance) && (MinDistance is null || d >= MinDistance);
    }
}
