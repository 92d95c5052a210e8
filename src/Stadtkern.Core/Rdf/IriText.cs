using System.Text;

namespace Stadtkern.Rdf;

/// <summary>Makes text that is meant as an IRI (a publisher's website, an e-mail address) safe to write in every syntax.</summary>
public static class IriText
{
    /// <summary>
    /// Percent-encodes the characters RFC 3987 does not allow in an IRI (spaces, controls, <c>&lt;&gt;"{}|\^`</c>), as UTF-8;
    /// everything else, including existing escapes and non-ASCII letters, stays as it is.
    /// </summary>
    public static string Clean(string iri)
    {
        if (!iri.Any(NeedsEscape)) return iri;
        var text = new StringBuilder(iri.Length + 8);
        foreach (var rune in iri.EnumerateRunes())
        {
            if (rune.IsAscii && NeedsEscape((char)rune.Value))
                text.Append('%').Append(((byte)rune.Value).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else text.Append(rune.ToString());
        }
        return text.ToString();
    }

    private static bool NeedsEscape(char c) => c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '\\' or '^' or '`' or '\u007f';
}
