using System.Globalization;
using System.Text.RegularExpressions;

namespace Stadtkern.Warnings;

/// <summary>The code lists of CAP 1.2 (OASIS, clause 3.2) spelled and ordered as the schema has them, and its time-stamp form.</summary>
public static partial class CapVocabulary
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";

    public static readonly IReadOnlyList<string> Status = ["Actual", "Exercise", "System", "Test", "Draft"];

    /// <summary>Ack and Error are answers between systems, not warnings a person composes, so they are not offered here.</summary>
    public static readonly IReadOnlyList<string> MsgType = ["Alert", "Update", "Cancel"];

    public static readonly IReadOnlyList<string> Scope = ["Public", "Restricted", "Private"];

    public static readonly IReadOnlyList<string> Category = ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"];

    public static readonly IReadOnlyList<string> ResponseType = ["Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None"];

    public static readonly IReadOnlyList<string> Urgency = ["Immediate", "Expected", "Future", "Past", "Unknown"];

    public static readonly IReadOnlyList<string> Severity = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"];

    public static readonly IReadOnlyList<string> Certainty = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"];

    /// <summary>Reads a time stamp with an explicit zone (a trailing Z or an offset); fractions of a second are allowed and dropped on output.</summary>
    public static bool TryParseTime(string? value, out DateTimeOffset time)
    {
        time = default;
        return value is not null && ZonedTime().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    /// <summary>CAP's form: seconds, no fraction, a numeric offset (the schema refuses a trailing Z).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        new DateTimeOffset(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>CAP forbids spaces, commas and the XML-restricted characters in identifiers and sender names (clause 3.2.1).</summary>
    public static bool IsCapToken(string? value) =>
        !string.IsNullOrEmpty(value) && !value.Any(c => char.IsWhiteSpace(c) || c is ',' or '<' or '&');

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex ZonedTime();
}
