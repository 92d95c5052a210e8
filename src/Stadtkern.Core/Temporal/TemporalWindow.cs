using System.Globalization;
using Stadtkern.Errors;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Temporal;

/// <summary>The time part of a temporal request, checked: timerel/timeAt/endTimeAt, timeproperty, lastN and aggregation.</summary>
public sealed record TemporalWindow
{
    public TimeWindow? Window { get; init; }

    public TimeProperty Property { get; init; } = TimeProperty.ObservedAt;

    public int? LastN { get; init; }

    public bool Aggregated { get; init; }

    public IReadOnlyList<string> Methods { get; init; } = [];

    public IsoDuration? Period { get; init; }

    public static TemporalWindow Parse(TemporalQueryParameters p)
    {
        var property = p.TimeProperty switch
        {
            null or "observedAt" => TimeProperty.ObservedAt,
            "createdAt" => TimeProperty.CreatedAt,
            "modifiedAt" => TimeProperty.ModifiedAt,
            "deletedAt" => TimeProperty.DeletedAt,
            var other => throw NgsiLdException.BadData($"timeproperty '{other}' is not one of observedAt, createdAt, modifiedAt, deletedAt."),
        };
        TimeWindow? window = null;
        if (p.TimeRel is null)
        {
            if (p.TimeAt is not null) throw NgsiLdException.BadData("timeAt needs timerel.");
            if (p.EndTimeAt is not null) throw NgsiLdException.BadData("endTimeAt needs timerel=between.");
        }
        else
        {
            var at = Instant("timeAt", p.TimeAt ?? throw NgsiLdException.BadData($"timerel={p.TimeRel} needs timeAt."));
            window = p.TimeRel switch
            {
                "before" => new TimeWindow(property, null, at),
                "after" => new TimeWindow(property, at, null),
                "between" => Between(property, at, p.EndTimeAt),
                _ => throw NgsiLdException.BadData($"timerel '{p.TimeRel}' is not one of before, after, between."),
            };
            if (p.TimeRel != "between" && p.EndTimeAt is not null) Instant("endTimeAt", p.EndTimeAt);
        }
        int? lastN = null;
        if (p.LastN is not null)
        {
            lastN = int.TryParse(p.LastN, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw NgsiLdException.BadData("lastN must be a positive integer.");
        }
        var result = new TemporalWindow { Window = window, Property = property, LastN = lastN };
        return p.Aggregated ? result.WithAggregation(p.AggrMethods, p.AggrPeriodDuration) : result;
    }

    private static TimeWindow Between(TimeProperty property, DateTimeOffset from, string? end)
    {
        var until = Instant("endTimeAt", end ?? throw NgsiLdException.BadData("timerel=between needs endTimeAt."));
        if (until <= from) throw NgsiLdException.BadData("endTimeAt must be after timeAt.");
        return new TimeWindow(property, from, until);
    }

    private static DateTimeOffset Instant(string name, string text) =>
        Validation.TryParseDateTime(text, out var at) ? at : throw NgsiLdException.BadData($"{name} '{text}' is not a date-time.");

    /// <summary>Adds the aggregation settings (options=aggregatedValues).</summary>
    private TemporalWindow WithAggregation(string? methods, string? period)
    {
        IsoDuration? duration = null;
        if (period is not null)
            duration = IsoDuration.TryParse(period, out var parsed) ? (parsed.IsZero ? null : parsed)
                : throw NgsiLdException.BadData($"aggrPeriodDuration '{period}' is not an ISO 8601 duration.");
        return this with { Aggregated = true, Methods = Aggregation.ParseMethods(methods), Period = duration };
    }
}
