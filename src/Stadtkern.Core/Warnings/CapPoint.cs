using System.Globalization;

namespace Stadtkern.Warnings;

/// <summary>A WGS 84 point in CAP's order, latitude first (<c>"lat,lon"</c>) — the opposite of GeoJSON's [lon, lat].</summary>
public readonly record struct CapPoint(double Latitude, double Longitude)
{
    /// <summary>Reads <c>"lat,lon"</c>; null with the reason when it is not a pair of numbers in range.</summary>
    public static CapPoint? TryParse(string? text, out string problem)
    {
        problem = "";
        var parts = (text ?? "").Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            problem = $"'{text}' is not a point \"latitude,longitude\"";
            return null;
        }
        return Checked(lat, lon, $"'{text}'", out problem);
    }

    /// <summary>Converts a GeoJSON position [lon, lat] into CAP's order.</summary>
    public static CapPoint? FromGeoJson(double lon, double lat, out string problem) =>
        Checked(lat, lon, $"GeoJSON position [{lon.ToString(CultureInfo.InvariantCulture)}, {lat.ToString(CultureInfo.InvariantCulture)}]", out problem);

    private static CapPoint? Checked(double lat, double lon, string what, out string problem)
    {
        problem = "";
        if (double.IsFinite(lat) && double.IsFinite(lon) && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180) return new CapPoint(lat, lon);
        problem = Math.Abs(lat) > 90 && Math.Abs(lon) <= 90
            ? $"{what} has latitude {lat.ToString(CultureInfo.InvariantCulture)} out of range: CAP writes latitude first (\"lat,lon\"), GeoJSON writes longitude first"
            : $"{what} is outside WGS 84 (latitude -90..90, longitude -180..180)";
        return null;
    }

    public override string ToString() =>
        Latitude.ToString(CultureInfo.InvariantCulture) + "," + Longitude.ToString(CultureInfo.InvariantCulture);
}
