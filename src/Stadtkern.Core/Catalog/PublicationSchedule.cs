using Cronos;
using Stadtkern.Errors;

namespace Stadtkern.Catalog;

/// <summary>A dataset's schedule: a five-field cron expression evaluated in UTC.</summary>
public sealed class PublicationSchedule
{
    private readonly CronExpression _cron;

    private PublicationSchedule(CronExpression cron) => _cron = cron;

    public static PublicationSchedule Parse(string text)
    {
        try { return new PublicationSchedule(CronExpression.Parse(text, CronFormat.Standard)); }
        catch (CronFormatException e) { throw NgsiLdException.BadData($"'schedule' must be a five-field cron expression (minute hour day month weekday), e.g. '0 3 * * *': {e.Message}"); }
    }

    /// <summary>The first scheduled time after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _cron.GetNextOccurrence(after.UtcDateTime, TimeZoneInfo.Utc) is { } next
        ? new DateTimeOffset(next, TimeSpan.Zero) : null;
}
