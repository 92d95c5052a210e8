using System.Collections.Frozen;
using System.Text;

namespace Stadtkern.Host.OpenData;

/// <summary>
/// Names the CKAN API shows for DCAT-AP.de items: groups for the EU data themes (German labels, as German portals show
/// them), titles of the common licences of the DCAT-AP.de list, and URL-safe organisation names from publishers.
/// </summary>
internal static class CkanVocabulary
{
    public static readonly FrozenDictionary<string, string> ThemeTitles = new Dictionary<string, string>
    {
        ["AGRI"] = "Landwirtschaft, Fischerei, Forstwirtschaft und Nahrungsmittel",
        ["ECON"] = "Wirtschaft und Finanzen",
        ["EDUC"] = "Bildung, Kultur und Sport",
        ["ENER"] = "Energie",
        ["ENVI"] = "Umwelt",
        ["GOVE"] = "Regierung und öffentlicher Sektor",
        ["HEAL"] = "Gesundheit",
        ["INTR"] = "Internationale Themen",
        ["JUST"] = "Justiz, Rechtssystem und öffentliche Sicherheit",
        ["REGI"] = "Regionen und Städte",
        ["SOCI"] = "Bevölkerung und Gesellschaft",
        ["TECH"] = "Wissenschaft und Technologie",
        ["TRAN"] = "Verkehr",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> LicenceTitles = new Dictionary<string, string>
    {
        ["dl-by-de/2.0"] = "Datenlizenz Deutschland Namensnennung 2.0",
        ["dl-zero-de/2.0"] = "Datenlizenz Deutschland – Zero – Version 2.0",
        ["cc-by/4.0"] = "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)",
        ["cc-by-sa/4.0"] = "Creative Commons Namensnennung - Weitergabe unter gleichen Bedingungen 4.0 International (CC-BY-SA 4.0)",
        ["cc-by-de/3.0"] = "Creative Commons Namensnennung 3.0 Deutschland (CC BY 3.0 DE)",
        ["cc-zero"] = "Creative Commons CC Zero License (cc-zero)",
        ["odbl"] = "Open Data Commons Open Database License (ODbL)",
        ["officialWork"] = "Amtliches Werk, lizenzfrei nach §5 Abs. 1 UrhG",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Licences of the list that forbid commercial use or changes, or are not open at all (CKAN's <c>isopen</c> false).</summary>
    private static readonly FrozenSet<string> NotOpen = FrozenSet.Create(StringComparer.Ordinal,
        "cc-by-nc", "cc-by-nc-de/3.0", "cc-by-nc/4.0", "cc-by-nd", "cc-by-nd/3.0", "cc-by-nd/4.0", "dl-by-nc-de/1.0",
        "other-closed", "other-commercial", "other-freeware");

    public static string GroupName(string theme) => theme.ToLowerInvariant();

    public static string LicenceTitle(string licence) => LicenceTitles.GetValueOrDefault(licence, licence);

    public static bool IsOpen(string licence) => !NotOpen.Contains(licence);

    /// <summary>A CKAN name for a publisher: lower-case ASCII letters, digits and hyphens ("Stadt Münster" → "stadt-muenster").</summary>
    public static string OrganizationName(string publisher)
    {
        var name = new StringBuilder(publisher.Length);
        foreach (var c in publisher.ToLowerInvariant())
        {
            var part = c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => "-",
            };
            if (part == "-" && (name.Length == 0 || name[^1] == '-')) continue;
            name.Append(part);
        }
        var text = name.ToString().Trim('-');
        return text.Length == 0 ? "publisher" : text.Length > 100 ? text[..100].TrimEnd('-') : text;
    }
}
