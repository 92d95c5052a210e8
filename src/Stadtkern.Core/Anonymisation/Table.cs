namespace Stadtkern.Anonymisation;

/// <summary>A point in WGS 84 (longitude, latitude in degrees).</summary>
public readonly record struct GeoPoint(double Longitude, double Latitude);

/// <summary>
/// The rows a publication run extracts, before and after anonymisation: named columns, and rows of values (text,
/// numbers, instants as <see cref="DateTimeOffset"/>, <see cref="GeoPoint"/>s, or null).
/// </summary>
public sealed class Table(IReadOnlyList<string> columns, List<object?[]> rows)
{
    public IReadOnlyList<string> Columns { get; } = columns;

    public List<object?[]> Rows { get; } = rows;

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i] == column) return i;
        throw new AnonymisationException($"The data has no column '{column}' (it has {string.Join(", ", Columns)}).");
    }

    public bool Has(string column) => Columns.Contains(column);
}

/// <summary>A value as text for grouping and ordering (points and instants in a fixed, culture-free form).</summary>
internal static class CellText
{
    public static string Of(object? value) => value switch
    {
        null => "",
        GeoPoint p => FormattableString.Invariant($"{p.Longitude:R},{p.Latitude:R}"),
        DateTimeOffset at => at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>A profile that cannot be applied, or an output that does not meet its profile: the release is refused with this reason.</summary>
public sealed class AnonymisationException(string message) : Exception(message);
