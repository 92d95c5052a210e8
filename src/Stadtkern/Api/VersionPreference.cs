using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace Stadtkern.Host.Api;

/// <summary>
/// The API version a client prefers (clause 6.3.6: <c>Prefer: ngsi-ld=1.0</c>), read as RFC 7240 says: a comma-separated
/// list of preferences, each a case-insensitive name, a token or quoted value, and parameters after <c>;</c>.
/// </summary>
internal static partial class VersionPreference
{
    /// <summary>The preference's name, as written back in <c>Preference-Applied</c>.</summary>
    public const string Name = "ngsi-ld";

    /// <summary>The preferred version (<c>1.0</c>), or null when no well-formed version preference is given.</summary>
    public static string? Read(StringValues prefer)
    {
        foreach (var preference in prefer.SelectMany(header => (header ?? "").Split(',')))
        {
            var nameValue = preference.Split(';')[0];
            var equals = nameValue.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !nameValue[..equals].Trim().Equals(Name, StringComparison.OrdinalIgnoreCase)) continue;
            var version = nameValue[(equals + 1)..].Trim().Trim('"');
            if (Version().IsMatch(version)) return version;
        }
        return null;
    }

    [GeneratedRegex(@"^\d+\.\d+(\.\d+)?$")]
    private static partial Regex Version();
}
