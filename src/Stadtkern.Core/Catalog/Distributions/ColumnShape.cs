using System.Globalization;
using Stadtkern.Anonymisation;

namespace Stadtkern.Catalog.Distributions;

/// <summary>What a column holds, decided by its values: one kind for all, or text when they are mixed.</summary>
public enum ColumnKind { Text, Number, Instant, Point, Boolean }

/// <summary>The kinds of a table's columns, and the flat names that tabular formats use (a point becomes longitude and latitude).</summary>
public sealed class ColumnShape
{
    private ColumnShape(IReadOnlyList<string> names, ColumnKind[] kinds)
    {
        Names = names;
        Kinds = kinds;
    }

    public IReadOnlyList<string> Names { get; }

    public ColumnKind[] Kinds { get; }

    /// <summary>The first point column: the geometry of GeoJSON features.</summary>
    public int GeometryColumn => Array.IndexOf(Kinds, ColumnKind.Point);

    public static ColumnShape Of(Table table)
    {
        var kinds = new ColumnKind?[table.Columns.Count];
        var mixed = new bool[table.Columns.Count];
        foreach (var row in table.Rows)
        {
            for (var c = 0; c < kinds.Length; c++)
            {
                if (row[c] is not { } value || mixed[c]) continue;
                var kind = KindOf(value);
                if (kinds[c] is null) kinds[c] = kind;
                else if (kinds[c] != kind) mixed[c] = true;
            }
        }
        return new ColumnShape(table.Columns, [.. kinds.Select((k, c) => mixed[c] ? ColumnKind.Text : k ?? ColumnKind.Text)]);
    }

    /// <summary>The flat column names: a point column <c>location</c> becomes <c>location_longitude</c> and <c>location_latitude</c>.</summary>
    public IEnumerable<string> FlatNames()
    {
        for (var c = 0; c < Names.Count; c++)
        {
            if (Kinds[c] == ColumnKind.Point)
            {
                yield return Names[c] + "_longitude";
                yield return Names[c] + "_latitude";
            }
            else yield return Names[c];
        }
    }

    public static ColumnKind KindOf(object value) => value switch
    {
        GeoPoint => ColumnKind.Point,
        DateTimeOffset => ColumnKind.Instant,
        bool => ColumnKind.Boolean,
        double or float or int or long or decimal or short or byte => ColumnKind.Number,
        _ => ColumnKind.Text,
    };

    public static double Number(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    /// <summary>A value as text in the form every distribution uses (numbers shortest round-trip, instants ISO 8601 UTC).</summary>
    public static string Text(object value) => value switch
    {
        DateTimeOffset at => Instant(at),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        GeoPoint p => FormattableString.Invariant($"POINT ({p.Longitude:R} {p.Latitude:R})"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
