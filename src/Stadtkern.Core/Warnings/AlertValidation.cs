using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Stadtkern.Errors;

namespace Stadtkern.Warnings;

/// <summary>Checks a warning against CAP 1.2 and what the schema leaves to prose (geometry, ARS, time order); the first fault is a BadRequestData naming the member.</summary>
public static partial class AlertValidation
{
    /// <summary>The geocode valueName of the Amtlicher Regionalschlüssel, the 12-digit German regional key.</summary>
    public const string Ars = "ARS";

    public static void Check(AlertDocument alert)
    {
        if (!CapVocabulary.IsCapToken(alert.Sender)) Fail("sender", "is required and may not contain spaces, commas, '<' or '&'");
        OneOf("status", alert.Status, CapVocabulary.Status);
        OneOf("msgType", alert.MsgType, CapVocabulary.MsgType);
        OneOf("scope", alert.Scope, CapVocabulary.Scope);
        if (alert.Scope == "Restricted" && string.IsNullOrWhiteSpace(alert.Restriction)) Fail("restriction", "is required when scope is Restricted");
        if (alert.Scope == "Private" && string.IsNullOrWhiteSpace(alert.Addresses)) Fail("addresses", "is required when scope is Private");
        var references = alert.References ?? [];
        if (alert.MsgType == "Alert" && references.Count > 0) Fail("references", "is only for Update and Cancel messages");
        if (alert.MsgType is "Update" or "Cancel" && references.Count == 0) Fail("references", $"must name the published warning this {alert.MsgType} refers to");
        for (var i = 0; i < references.Count; i++)
            if (!CapVocabulary.IsCapToken(references[i])) Fail($"references[{i}]", "is not a warning identifier");
        var infos = alert.Info ?? [];
        if (infos.Count == 0 && alert.MsgType != "Cancel") Fail("info", "must hold at least one info block (one per language)");
        for (var i = 0; i < infos.Count; i++) CheckInfo(infos[i], $"info[{i}]");
    }

    private static void CheckInfo(InfoDocument info, string at)
    {
        if (info.Language is not null && !LanguageTag().IsMatch(info.Language)) Fail($"{at}.language", $"'{info.Language}' is not a language tag such as de-DE");
        if (info.Category is not { Count: > 0 }) Fail($"{at}.category", "needs at least one category");
        for (var c = 0; c < info.Category!.Count; c++) OneOf($"{at}.category[{c}]", info.Category[c], CapVocabulary.Category);
        if (string.IsNullOrWhiteSpace(info.Event)) Fail($"{at}.event", "is required");
        for (var r = 0; r < (info.ResponseType?.Count ?? 0); r++) OneOf($"{at}.responseType[{r}]", info.ResponseType![r], CapVocabulary.ResponseType);
        OneOf($"{at}.urgency", info.Urgency, CapVocabulary.Urgency);
        OneOf($"{at}.severity", info.Severity, CapVocabulary.Severity);
        OneOf($"{at}.certainty", info.Certainty, CapVocabulary.Certainty);
        for (var e = 0; e < (info.EventCode?.Count ?? 0); e++) CheckEventCode(info.EventCode![e], $"{at}.eventCode[{e}]");
        var effective = Time($"{at}.effective", info.Effective);
        Time($"{at}.onset", info.Onset);
        var expires = Time($"{at}.expires", info.Expires);
        if (effective is not null && expires is not null && expires <= effective) Fail($"{at}.expires", "must be after effective");
        if (info.Web is not null && !Uri.TryCreate(info.Web, UriKind.Absolute, out _)) Fail($"{at}.web", "must be an absolute URI");
        for (var a = 0; a < (info.Area?.Count ?? 0); a++) CheckArea(info.Area![a], $"{at}.area[{a}]");
    }

    private static void CheckEventCode(NamedValue code, string at)
    {
        NamedValueRequired(code, at);
        if (code.Value!.StartsWith("BBK-", StringComparison.Ordinal) && !BbkCode().IsMatch(code.Value))
            Fail($"{at}.value", $"'{code.Value}' is not a BBK code (BBK-EVC-nnn or BBK-ISC-nnn)");
    }

    private static void CheckArea(AreaDocument area, string at)
    {
        if (string.IsNullOrWhiteSpace(area.AreaDesc)) Fail($"{at}.areaDesc", "is required");
        for (var p = 0; p < (area.Polygon?.Count ?? 0); p++) CheckPolygon(area.Polygon![p], $"{at}.polygon[{p}]");
        for (var c = 0; c < (area.Circle?.Count ?? 0); c++)
        {
            var circle = area.Circle![c];
            if (CapPoint.TryParse(circle.Center, out var problem) is null) Fail($"{at}.circle[{c}].center", problem);
            if (circle.Radius is not > 0 || !double.IsFinite(circle.Radius.Value)) Fail($"{at}.circle[{c}].radius", "must be a number of kilometres greater than 0");
        }
        for (var g = 0; g < (area.Geocode?.Count ?? 0); g++)
        {
            var geocode = area.Geocode![g];
            NamedValueRequired(geocode, $"{at}.geocode[{g}]");
            if (geocode.ValueName == Ars && !IsArs(geocode.Value!))
                Fail($"{at}.geocode[{g}].value", $"'{geocode.Value}' is not an Amtlicher Regionalschlüssel: 12 digits, starting with a Land from 01 to 16");
        }
    }

    /// <summary>CAP 1.2, clause 3.2.4: at least four points, the first and the last the same.</summary>
    private static void CheckPolygon(List<string> points, string at)
    {
        if (points.Count < 4) Fail(at, $"has {points.Count} points; a closed polygon needs at least 4 (the first repeated at the end)");
        var parsed = new List<CapPoint>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            if (CapPoint.TryParse(points[i], out var problem) is not { } point) Fail($"{at}[{i}]", problem);
            else parsed.Add(point);
        }
        if (parsed[0] != parsed[^1]) Fail(at, $"is not closed: the first point {parsed[0]} and the last point {parsed[^1]} differ");
    }

    public static bool IsArs(string value) =>
        value.Length == 12 && value.All(char.IsAsciiDigit) && int.Parse(value.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 16;

    private static void NamedValueRequired(NamedValue pair, string at)
    {
        if (string.IsNullOrWhiteSpace(pair.ValueName)) Fail($"{at}.valueName", "is required");
        if (string.IsNullOrWhiteSpace(pair.Value)) Fail($"{at}.value", "is required");
    }

    private static DateTimeOffset? Time(string at, string? value)
    {
        if (value is null) return null;
        if (!CapVocabulary.TryParseTime(value, out var time)) Fail(at, $"'{value}' is not a date-time with a time zone, e.g. 2026-05-01T14:00:00+02:00");
        return time;
    }

    private static void OneOf(string at, string? value, IReadOnlyList<string> allowed)
    {
        if (value is null || !allowed.Contains(value)) Fail(at, $"{(value is null ? "is required" : $"'{value}' is not allowed")}; one of {string.Join(", ", allowed)}");
    }

    [DoesNotReturn]
    private static void Fail(string at, string problem) => throw NgsiLdException.BadData($"{at} {problem}.");

    [GeneratedRegex("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^BBK-(EVC|ISC)-\d{3}$")]
    private static partial Regex BbkCode();
}
