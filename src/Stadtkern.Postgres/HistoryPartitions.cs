using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Stadtkern.Postgres;

/// <summary>
/// The monthly range partitions of <c>temporal_instances</c> (by the time an instance was recorded), made on demand by the
/// write that records the first instance of a month, inside its own transaction (so the new partition is visible to its
/// insert and disappears with it if it rolls back), and dropped by retention once wholly expired. A month counts as known
/// to this process only after a write that needed it has committed.
/// </summary>
internal sealed class HistoryPartitions
{
    private readonly ConcurrentDictionary<DateTime, bool> _known = new();

    public static DateTime MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string NameOf(DateTime month) => string.Create(CultureInfo.InvariantCulture, $"temporal_instances_{month:yyyy_MM}");

    /// <summary>Makes, in the caller's transaction, the partitions of the months of <paramref name="instants"/> not known to exist; returns the months.</summary>
    public IReadOnlyList<DateTime> Ensure(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<DateTimeOffset> instants)
    {
        var months = instants.Select(MonthOf).Distinct().ToList();
        foreach (var month in months.Where(m => !_known.ContainsKey(m)))
        {
            // The name and bounds are made from a DateTime here, never from input; DDL takes no parameters. Two nodes making
            // the same partition at once: the second waits for the first's lock on the parent, then finds the table made.
            using var create = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture,
                $"CREATE TABLE IF NOT EXISTS {NameOf(month)} PARTITION OF temporal_instances FOR VALUES FROM ('{month:yyyy-MM-dd}T00:00:00Z') TO ('{month.AddMonths(1):yyyy-MM-dd}T00:00:00Z')"),
                connection, transaction);
            create.ExecuteNonQuery();
        }
        return months;
    }

    /// <summary>Remembers months whose partitions a committed write made or found.</summary>
    public void Confirm(IEnumerable<DateTime> months)
    {
        foreach (var month in months) _known.TryAdd(month, true);
    }

    /// <summary>Forgets a dropped partition, so that a later instance of that month makes it again.</summary>
    public void Forget(DateTime month) => _known.TryRemove(month, out _);
}
