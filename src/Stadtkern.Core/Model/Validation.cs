using System.Globalization;

namespace Stadtkern.Model;

/// <summary>Checks for identifiers, names and dates as GS CIM 009 defines them.</summary>
public static class Validation
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenNameChars = System.Buffers.SearchValues.Create("<>\"'=;()\\ \t\r\n{}|^`");

    /// <summary>An entity id or relationship target: an absolute URI without whitespace or characters the spec forbids.</summary>
    /// <summary>A JSON number as a double, whether it was parsed from text or built in code (an int, a long, a decimal).</summary>
    public static double NumberOf(System.Text.Json.Nodes.JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsUri(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 2048) return false;
        if (value.AsSpan().IndexOfAny(ForbiddenNameChars) >= 0) return false;
        var colon = value.IndexOf(':');
        if (colon <= 0) return false;
        if (!char.IsAsciiLetter(value[0])) return false;
        for (var i = 1; i < colon; i++)
            if (!(char.IsAsciiLetterOrDigit(value[i]) || value[i] is '+' or '-' or '.')) return false;
        return colon < value.Length - 1 && Uri.TryCreate(value, UriKind.Absolute, out _);
    }

    /// <summary>An attribute or type name (term or IRI) without the characters the spec forbids.</summary>
    public static bool IsName(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 1024 && value.AsSpan().IndexOfAny(ForbiddenNameChars) < 0;

    /// <summary>A tenant name as the broker accepts it in <c>NGSILD-Tenant</c> (the empty default tenant aside).</summary>
    public static bool IsTenant(string value) =>
        value.Length is > 0 and <= 256 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/');

    /// <summary>Parses an NGSI-LD DateTime (ISO 8601 with a time zone designator; UTC assumed when none).</summary>
    public static bool TryParseDateTime(string? value, out DateTimeOffset result)
    {
        result = default;
        if (string.IsNullOrEmpty(value) || value.Length < 10 || !value.Contains('T')) return false;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result);
    }

    /// <summary>Formats an instant the way the broker writes system dates.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Normalises a valid NGSI-LD DateTime to UTC with a trailing Z.</summary>
    public static string NormalizeDateTime(string value) =>
        TryParseDateTime(value, out var parsed) ? parsed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : value;
}
