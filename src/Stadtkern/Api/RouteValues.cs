namespace Stadtkern.Host.Api;

/// <summary>Route values as the client meant them: Kestrel decodes every escape in a path segment except <c>%2F</c>, but ids and expanded names may contain slashes.</summary>
internal static class RouteValues
{
    public static string Decode(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : value;

    /// <summary>A path for a Location header: the id as it is, except characters a header may not carry.</summary>
    public static string HeaderSafe(string value)
    {
        if (value.All(c => c is > ' ' and < '\u007f')) return value;
        var sb = new System.Text.StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7f) sb.Append((char)rune.Value);
            else sb.Append(Uri.EscapeDataString(rune.ToString()));
        }
        return sb.ToString();
    }
}
