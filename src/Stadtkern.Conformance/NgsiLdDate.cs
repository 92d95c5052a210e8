using System.Globalization;
using System.Text.RegularExpressions;

namespace Stadtkern.Conformance;

/// <summary>The suite's reading of NGSI-LD timestamps: UTC with a trailing <c>Z</c>, with or without a fraction.</summary>
/// <remarks>
/// As the suite's <c>parse_ngsild_date</c>: <c>YYYY-MM-DDThh:mm:ssZ</c> or <c>YYYY-MM-DDThh:mm:ss.fffZ</c> with any
/// number of fraction digits and <c>.</c> or <c>,</c> before them; the fraction is cut to microseconds, so two values
/// that differ only below a microsecond are the same instant. Offsets such as <c>+00:00</c> are refused. Unlike the
/// suite (which only anchors the start), nothing may follow the <c>Z</c>.
/// </remarks>
public static partial class NgsiLdDate
{
    /// <summary>Parses a timestamp to a UTC <see cref="DateTime"/>; false for anything the suite would not accept.</summary>
    public static bool TryParse(string? text, out DateTime instant)
    {
        instant = default;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var fraction = match.Groups["fraction"].Success ? match.Groups["fraction"].Value : "";
        var micro = (fraction.Length > 6 ? fraction[..6] : fraction).PadRight(6, '0');
        if (!DateTime.TryParseExact(match.Groups["seconds"].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var seconds))
        {
            return false;
        }

        instant = DateTime.SpecifyKind(seconds.AddTicks(long.Parse(micro, CultureInfo.InvariantCulture) * 10), DateTimeKind.Utc);
        return true;
    }

    /// <summary>Whether the text is a timestamp the suite accepts.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    [GeneratedRegex(@"^(?<seconds>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:[.,](?<fraction>\d+))?Z$")]
    private static partial Regex Pattern();
}
