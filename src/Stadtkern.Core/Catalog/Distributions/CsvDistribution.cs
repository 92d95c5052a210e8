using System.Globalization;
using System.Text;
using Stadtkern.Anonymisation;

namespace Stadtkern.Catalog.Distributions;

/// <summary>CSV (RFC 4180): UTF-8 without BOM, comma, CRLF, a header line; points as two columns, instants ISO 8601 UTC.</summary>
public static class CsvDistribution
{
    public static byte[] Write(Table table, ColumnShape shape)
    {
        using var buffer = new MemoryStream(capacity: Math.Max(1024, table.Rows.Count * 64));
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), 1 << 16) { NewLine = "\r\n" })
        {
            var first = true;
            foreach (var name in shape.FlatNames())
            {
                if (!first) writer.Write(',');
                Field(writer, name);
                first = false;
            }
            writer.WriteLine();
            foreach (var row in table.Rows)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    if (c > 0) writer.Write(',');
                    var value = row[c];
                    if (shape.Kinds[c] == ColumnKind.Point)
                    {
                        if (value is GeoPoint p)
                        {
                            writer.Write(p.Longitude.ToString("R", CultureInfo.InvariantCulture));
                            writer.Write(',');
                            writer.Write(p.Latitude.ToString("R", CultureInfo.InvariantCulture));
                        }
                        else writer.Write(',');
                    }
                    else if (value is not null) Field(writer, ColumnShape.Text(value));
                }
                writer.WriteLine();
            }
        }
        return buffer.ToArray();
    }

    private static void Field(StreamWriter writer, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(text);
            return;
        }
        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
