using System.Globalization;
using System.Text;
using Stadtkern.Anonymisation;
using Stadtkern.Errors;
using Stadtkern.Model;

namespace Stadtkern.Catalog;

/// <summary>
/// Reads an uploaded CSV source (RFC 4180, UTF-8, comma or semicolon, header line): numbers become numbers, ISO 8601
/// date-times instants, empty fields null; a longitude and a latitude column (lon/lng/longitude, lat/latitude) become
/// one point column <c>location</c>, so that location rules apply.
/// </summary>
public static class CsvSource
{
    public static Table Read(byte[] body, int maxRows)
    {
        var text = Encoding.UTF8.GetString(body.AsSpan().StartsWith("\uFEFF"u8) ? body.AsSpan(3) : body);
        var position = 0;
        var header = NextRecord(text, ref position, ',') ?? throw NgsiLdException.BadData("The uploaded file is empty: a CSV source needs a header line.");
        var separator = ',';
        if (header.Count == 1 && header[0].Contains(';'))
        {
            separator = ';';
            position = 0;
            header = NextRecord(text, ref position, separator)!;
        }
        if (header.Any(string.IsNullOrWhiteSpace) || header.Distinct(StringComparer.Ordinal).Count() != header.Count)
            throw NgsiLdException.BadData("The CSV header needs distinct, non-empty column names.");
        var lon = header.FindIndex(h => h is "lon" or "lng" or "longitude");
        var lat = header.FindIndex(h => h is "lat" or "latitude");
        var folded = lon >= 0 && lat >= 0 && !header.Contains("location");
        var columns = folded ? [.. header.Where((_, i) => i != lon && i != lat), "location"] : header;
        var rows = new List<object?[]>();
        var line = 1;
        while (NextRecord(text, ref position, separator) is { } record)
        {
            line++;
            if (record.Count == 1 && record[0].Length == 0) continue;
            if (record.Count != header.Count)
                throw NgsiLdException.BadData($"Line {line} of the CSV has {record.Count} fields; the header has {header.Count}.");
            if (rows.Count == maxRows) throw NgsiLdException.BadData($"The CSV has more than {maxRows} rows.");
            var row = new object?[columns.Count];
            var c = 0;
            for (var i = 0; i < record.Count; i++)
                if (!folded || (i != lon && i != lat)) row[c++] = Value(record[i]);
            if (folded && Value(record[lon]) is double x && Value(record[lat]) is double y) row[c] = new GeoPoint(x, y);
            rows.Add(row);
        }
        return new Table(columns, rows);
    }

    private static object? Value(string field)
    {
        if (field.Length == 0) return null;
        var first = field[0];
        if ((char.IsAsciiDigit(first) || first is '-' or '+' or '.')
            && double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
        if (field.Length >= 10 && char.IsAsciiDigit(first) && field[4] == '-' && Validation.TryParseDateTime(field, out var at)) return at;
        return field;
    }

    /// <summary>The next record's fields, or null at the end; quoted fields may hold separators, quotes ("") and line breaks.</summary>
    private static List<string>? NextRecord(string text, ref int position, char separator)
    {
        if (position >= text.Length) return null;
        var fields = new List<string>();
        while (true)
        {
            if (position < text.Length && text[position] == '"')
            {
                fields.Add(Quoted(text, ref position, separator));
            }
            else
            {
                // An unquoted field runs to the next separator or line end: sliced, not copied character by character.
                var rest = text.AsSpan(position);
                var end = rest.IndexOfAny(separator, '\n');
                var length = end < 0 ? rest.Length : end;
                var field = rest[..length];
                if (field.EndsWith("\r")) field = field[..^1];
                fields.Add(field.ToString());
                position += length;
            }
            if (position >= text.Length) return fields;
            var ch = text[position++];
            if (ch == '\n') return fields;
            if (ch == '\r' && position < text.Length && text[position] == '\n') { position++; return fields; }
        }
    }

    private static string Quoted(string text, ref int position, char separator)
    {
        var field = new StringBuilder();
        position++;
        while (true)
        {
            var close = text.IndexOf('"', position);
            if (close < 0) throw NgsiLdException.BadData("The CSV ends inside a quoted field.");
            field.Append(text, position, close - position);
            position = close + 1;
            if (position < text.Length && text[position] == '"') { field.Append('"'); position++; continue; }
            // Anything between the closing quote and the separator is kept, as lenient readers do.
            while (position < text.Length && text[position] is not ('\n' or '\r') && text[position] != separator) field.Append(text[position++]);
            return field.ToString();
        }
    }
}
