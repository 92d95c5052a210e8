using System.Globalization;
using System.Text.RegularExpressions;

namespace Stadtkern.Temporal;

/// <summary>An ISO 8601 duration (<c>PnYnMnWnDTnHnMnS</c>); years and months are calendar steps, the rest fixed lengths.</summary>
public sealed partial record IsoDuration(int Years, int Months, TimeSpan Fixed)
{
    [GeneratedRegex(@"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out IsoDuration duration)
    {
        duration = new IsoDuration(0, 0, TimeSpan.Zero);
        var match = Pattern().Match(text);
        if (!match.Success || text == "P" || text.EndsWith('T')) return false;
        int Int(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        try
        {
            var seconds = match.Groups[7].Success ? double.Parse(match.Groups[7].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0;
            var span = TimeSpan.FromDays(Int(3) * 7 + Int(4)) + TimeSpan.FromHours(Int(5)) + TimeSpan.FromMinutes(Int(6)) + TimeSpan.FromSeconds(seconds);
            duration = new IsoDuration(Int(1), Int(2), span);
        }
        catch (OverflowException)
        {
            return false;
        }
        return true;
    }

    /// <summary>A zero duration (<c>PT0S</c>) asks for one period over the whole window.</summary>
    public bool IsZero => Years == 0 && Months == 0 && Fixed == TimeSpan.Zero;

    /// <summary>The instant one period after <paramref name="start"/>.</summary>
    public DateTimeOffset After(DateTimeOffset start) => start.AddYears(Years).AddMonths(Months) + Fixed;
}
