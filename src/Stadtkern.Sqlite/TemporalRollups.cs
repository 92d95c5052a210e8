namespace Stadtkern.Sqlite;

/// <summary>
/// Hourly summaries of every series over observedAt (count, numeric count, sum, sum of squares, min, max), kept in step
/// with <c>temporal_instances</c> by triggers, whatever path writes or deletes an instance. An aggregation whose periods
/// fall on hour boundaries reads these instead of every instance: a year of one sensor's hourly means is 8,760 rows.
/// Sums and counts follow each change; min and max are recomputed from the instances of the hour only when the
/// instance that leaves was the hour's minimum or maximum.
/// </summary>
internal static class TemporalRollups
{
    public const long Hour = 3_600_000_000;

    /// <summary>The start of the hour of <c>{row}.observed_at</c> in microseconds (floored, also before 1970).</summary>
    private static string HourOf(string row) => $"({row}.observed_at - ((({row}.observed_at % {Hour}) + {Hour}) % {Hour}))";

    private static string Add(string row) => $"""
        INSERT INTO temporal_rollups (sid, hour, n, nnum, sum, sumsq, min, max)
            SELECT {row}.sid, {HourOf(row)}, 1, {row}.num IS NOT NULL, COALESCE({row}.num, 0), COALESCE({row}.num * {row}.num, 0), {row}.num, {row}.num
            WHERE {row}.observed_at IS NOT NULL
            ON CONFLICT (sid, hour) DO UPDATE SET n = n + 1, nnum = nnum + excluded.nnum, sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq,
                min = CASE WHEN excluded.min IS NOT NULL AND (min IS NULL OR excluded.min < min) THEN excluded.min ELSE min END,
                max = CASE WHEN excluded.max IS NOT NULL AND (max IS NULL OR excluded.max > max) THEN excluded.max ELSE max END;
        """;

    private static string Remove(string row) => $"""
        UPDATE temporal_rollups SET n = n - 1, nnum = nnum - ({row}.num IS NOT NULL),
                sum = sum - COALESCE({row}.num, 0), sumsq = sumsq - COALESCE({row}.num * {row}.num, 0)
            WHERE {row}.observed_at IS NOT NULL AND sid = {row}.sid AND hour = {HourOf(row)};
        DELETE FROM temporal_rollups WHERE {row}.observed_at IS NOT NULL AND sid = {row}.sid AND hour = {HourOf(row)} AND n <= 0;
        UPDATE temporal_rollups SET
                min = (SELECT MIN(i.num) FROM temporal_instances i WHERE i.sid = {row}.sid AND i.observed_at >= {HourOf(row)} AND i.observed_at < {HourOf(row)} + {Hour}),
                max = (SELECT MAX(i.num) FROM temporal_instances i WHERE i.sid = {row}.sid AND i.observed_at >= {HourOf(row)} AND i.observed_at < {HourOf(row)} + {Hour})
            WHERE {row}.observed_at IS NOT NULL AND {row}.num IS NOT NULL AND sid = {row}.sid AND hour = {HourOf(row)} AND ({row}.num <= min OR {row}.num >= max);
        """;

    public static readonly string Migration = $"""
        CREATE TABLE temporal_rollups (
            sid INTEGER NOT NULL,
            hour INTEGER NOT NULL,
            n INTEGER NOT NULL,
            nnum INTEGER NOT NULL,
            sum REAL NOT NULL,
            sumsq REAL NOT NULL,
            min REAL,
            max REAL,
            PRIMARY KEY (sid, hour)) WITHOUT ROWID;
        INSERT INTO temporal_rollups (sid, hour, n, nnum, sum, sumsq, min, max)
            SELECT sid, hour, COUNT(*), COUNT(num), TOTAL(num), TOTAL(num * num), MIN(num), MAX(num)
            FROM (SELECT i.sid, {HourOf("i")} AS hour, i.num FROM temporal_instances i WHERE i.observed_at IS NOT NULL)
            GROUP BY sid, hour;
        CREATE TRIGGER temporal_rollups_insert AFTER INSERT ON temporal_instances BEGIN
        {Add("new")}
        END;
        CREATE TRIGGER temporal_rollups_delete AFTER DELETE ON temporal_instances BEGIN
        {Remove("old")}
        END;
        CREATE TRIGGER temporal_rollups_update AFTER UPDATE OF sid, observed_at, num ON temporal_instances BEGIN
        {Remove("old")}
        {Add("new")}
        END;
        """;
}
