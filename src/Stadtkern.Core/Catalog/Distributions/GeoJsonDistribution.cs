using System.Text.Json;
using Stadtkern.Anonymisation;

namespace Stadtkern.Catalog.Distributions;

/// <summary>GeoJSON (RFC 7946): one feature per row, the first point column as its geometry (null without one), the rest as properties.</summary>
public static class GeoJsonDistribution
{
    public static byte[] Write(Table table, ColumnShape shape)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var geometry = shape.GeometryColumn;
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WritePropertyName("geometry");
                JsonValues.Write(json, geometry >= 0 && row[geometry] is GeoPoint p ? p : null);
                json.WriteStartObject("properties");
                for (var c = 0; c < row.Length; c++)
                {
                    if (c == geometry) continue;
                    json.WritePropertyName(shape.Names[c]);
                    JsonValues.Write(json, row[c]);
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}

/// <summary>Cell values as JSON: numbers and booleans as themselves, points as GeoJSON, everything else as text.</summary>
internal static class JsonValues
{
    public static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case GeoPoint p:
                json.WriteStartObject();
                json.WriteString("type", "Point");
                json.WriteStartArray("coordinates");
                json.WriteNumberValue(p.Longitude);
                json.WriteNumberValue(p.Latitude);
                json.WriteEndArray();
                json.WriteEndObject();
                break;
            case var n when ColumnShape.KindOf(n) == ColumnKind.Number:
                var d = ColumnShape.Number(n);
                if (double.IsFinite(d)) json.WriteNumberValue(d); else json.WriteNullValue();
                break;
            default: json.WriteStringValue(ColumnShape.Text(value)); break;
        }
    }
}
