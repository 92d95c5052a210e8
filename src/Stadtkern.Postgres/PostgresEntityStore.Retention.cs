using Stadtkern.Store;

namespace Stadtkern.Postgres;

public sealed partial class PostgresEntityStore : IHistoryRetention
{
    /// <summary>
    /// Deletes instances recorded before the cut, at most <paramref name="limit"/> a call, oldest partition first; a month's
    /// partition that lies wholly before the cut and has been emptied is dropped, so that expired history costs no vacuum.
    /// </summary>
    public Task<int> PruneHistoryAsync(DateTimeOffset before, int limit, CancellationToken cancellation) =>
        WriteAsync(command =>
        {
            using var delete = command("""
                DELETE FROM temporal_instances WHERE created_at < @cut AND iid = ANY(ARRAY(
                    SELECT iid FROM temporal_instances WHERE created_at < @cut ORDER BY created_at LIMIT @limit))
                """);
            delete.Parameters.AddWithValue("cut", before.ToUniversalTime());
            delete.Parameters.AddWithValue("limit", limit);
            var deleted = delete.ExecuteNonQuery();
            DropExpiredPartitions(command, before);
            return deleted;
        }, cancellation);

    private void DropExpiredPartitions(Func<string, Npgsql.NpgsqlCommand> command, DateTimeOffset before)
    {
        var cutMonth = HistoryPartitions.MonthOf(before);
        var expired = new List<(string Name, DateTime Month)>();
        using (var list = command("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'temporal_instances'::regclass ORDER BY c.relname
            """))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                var name = reader.GetString(0);
                // Our own partitions only, named temporal_instances_YYYY_MM, whose month ends at or before the cut's month.
                if (DateTime.TryParseExact(name.Replace("temporal_instances_", "", StringComparison.Ordinal), "yyyy_MM",
                        System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var month)
                    && month < cutMonth && HistoryPartitions.NameOf(month) == name)
                    expired.Add((name, DateTime.SpecifyKind(month, DateTimeKind.Utc)));
            }
        }
        foreach (var (name, month) in expired)
        {
            using var empty = command($"SELECT NOT EXISTS (SELECT 1 FROM {name})");
            if (empty.ExecuteScalar() is not true) continue;
            using var drop = command($"DROP TABLE {name}");
            drop.ExecuteNonQuery();
            Partitions.Forget(month);
        }
    }
}
