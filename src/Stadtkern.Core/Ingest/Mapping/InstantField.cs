using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Model;

namespace Stadtkern.Ingest.Mapping;

/// <summary>How a payload writes an instant.</summary>
public enum InstantFormat
{
    Iso8601,
    UnixSeconds,
    UnixMilliseconds,
}

/// <summary>A payload field that holds an instant (an observation time, a date-time value).</summary>
public sealed record InstantField(PayloadPath Path, InstantFormat Format)
{
    public static InstantField Compile(TimeFieldDocument document, string what) =>
        new(PayloadPath.Parse(document.Field, what), ParseFormat(document.Format, what));

    public static InstantFormat ParseFormat(string? format, string what) => format?.ToLowerInvariant() switch
    {
        null or "iso8601" => InstantFormat.Iso8601,
        "unixseconds" => InstantFormat.UnixSeconds,
        "unixmilliseconds" => InstantFormat.UnixMilliseconds,
        _ => throw NgsiLdException.BadData($"{what}: format '{format}' is not iso8601, unixSeconds or unixMilliseconds."),
    };

    /// <summary>The instant in the payload; a missing field or a value of the wrong form refuses the message.</summary>
    public DateTimeOffset Read(JsonNode? payload)
    {
        if (!Path.TryResolve(payload, out var node) || node is null) throw Refusal.Missing(Path);
        return Read(node, Path, Format);
    }

    public static DateTimeOffset Read(JsonNode node, PayloadPath path, InstantFormat format)
    {
        if (format == InstantFormat.Iso8601)
            return node is JsonValue v && v.TryGetValue<string>(out var text) && Validation.TryParseDateTime(text, out var at)
                ? at : throw Refusal.Wrong(path, node, "an ISO 8601 date-time");
        if (!Refusal.TryNumber(node, out var number) || decimal.Truncate(number) != number)
            throw Refusal.Wrong(path, node, format == InstantFormat.UnixSeconds ? "whole unix seconds" : "whole unix milliseconds");
        try
        {
            var units = (long)number;
            return format == InstantFormat.UnixSeconds ? DateTimeOffset.FromUnixTimeSeconds(units) : DateTimeOffset.FromUnixTimeMilliseconds(units);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw Refusal.Wrong(path, node, "an instant between the years 1 and 9999");
        }
    }
}

/// <summary>Why a rule could not interpret a payload: the dead letter's reason, naming the field.</summary>
internal static class Refusal
{
    public static NgsiLdException Missing(PayloadPath path) => NgsiLdException.BadData($"field '{path}' is missing.");

    public static NgsiLdException Wrong(PayloadPath path, JsonNode? value, string expected) =>
        NgsiLdException.BadData($"field '{path}' holds {Shorten(value?.ToJsonString() ?? "null")}, not {expected}.");

    /// <summary>A JSON number, or a string holding one (devices often quote numbers).</summary>
    public static bool TryNumber(JsonNode node, out decimal number)
    {
        number = 0;
        if (node is not JsonValue value) return false;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.TryGetValue(out number),
            JsonValueKind.String => decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
