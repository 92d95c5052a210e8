using Stadtkern.Store;

namespace Stadtkern.Sqlite;

public sealed partial class SqliteEntityStore : IHistoryRetention
{
    /// <summary>
    /// Instances are numbered in the order they were recorded, so the oldest are a prefix of the rowids: the first one
    /// recorded at or after the cut bounds the delete, which then walks the primary key only.
    /// </summary>
    public Task<int> PruneHistoryAsync(DateTimeOffset before, int limit, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM temporal_instances WHERE iid IN (
                    SELECT iid FROM temporal_instances
                    WHERE iid < COALESCE((SELECT MIN(iid) FROM temporal_instances WHERE created_at >= $cut), 9223372036854775807)
                      AND created_at < $cut
                    ORDER BY iid LIMIT $limit)
                """;
            command.Parameters.AddWithValue("$cut", TemporalTime.Micros(before));
            command.Parameters.AddWithValue("$limit", limit);
            return command.ExecuteNonQuery();
        }, cancellation);
}
