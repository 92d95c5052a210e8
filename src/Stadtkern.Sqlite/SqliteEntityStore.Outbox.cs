using Stadtkern.Subscriptions;

namespace Stadtkern.Sqlite;

/// <summary>
/// The notification outbox: rows are read per subscription in sequence order. Sequence numbers are given out by the
/// single writer in commit order, so a reader that has seen up to N never later finds a new row below N.
/// </summary>
public sealed partial class SqliteEntityStore
{
    public Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellation) =>
        messages.Count == 0 ? Task.CompletedTask : Writer.RunAsync((connection, transaction) =>
        {
            using var insert = Command(connection, transaction, SqliteOutbox.InsertSql);
            foreach (var message in messages)
            {
                insert.Parameters.Clear();
                SqliteOutbox.Bind(insert, message);
                insert.ExecuteNonQuery();
            }
            return messages.Count;
        }, cancellation);

    public async Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string tenant, string subscriptionId, long afterSeq, int limit, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, uri, headers, body, created_at, notifier_info FROM notification_outbox
            WHERE tenant = $tenant AND subscription_id = $subscription AND seq > $after ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$subscription", subscriptionId);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var message = new OutboxMessage(tenant, subscriptionId, reader.GetString(1), OutboxPairs.Read(reader.GetString(2)), reader.GetString(3),
                ReadDate(reader, 4) ?? default)
            {
                NotifierInfo = OutboxPairs.Read(reader.IsDBNull(5) ? null : reader.GetString(5)),
            };
            result.Add(new OutboxEntry(reader.GetInt64(0), message));
        }
        return result;
    }

    public async Task<IReadOnlyList<(string Tenant, string SubscriptionId, long LastSeq)>> PendingQueuesAsync(long afterSeq, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant, subscription_id, MAX(seq) FROM notification_outbox WHERE seq > $after GROUP BY tenant, subscription_id";
        command.Parameters.AddWithValue("$after", afterSeq);
        var result = new List<(string, string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) result.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return result;
    }

    public async Task<int> TrimOutboxAsync(string tenant, string subscriptionId, int keep, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        // Find the oldest row to keep on a reader, so that the single writer only runs when there is something to delete.
        long oldestKept;
        await using (var connection = OpenReader())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT seq FROM notification_outbox WHERE tenant = $tenant AND subscription_id = $subscription
                ORDER BY seq DESC LIMIT 1 OFFSET $offset
                """;
            command.Parameters.AddWithValue("$tenant", tenant);
            command.Parameters.AddWithValue("$subscription", subscriptionId);
            command.Parameters.AddWithValue("$offset", keep - 1);
            if (await command.ExecuteScalarAsync(cancellation) is not long seq) return 0;
            oldestKept = seq;
        }
        return await Writer.RunAsync((connection, transaction) =>
        {
            using var delete = Command(connection, transaction,
                "DELETE FROM notification_outbox WHERE tenant = $tenant AND subscription_id = $subscription AND seq < $oldest");
            delete.Parameters.AddWithValue("$tenant", tenant);
            delete.Parameters.AddWithValue("$subscription", subscriptionId);
            delete.Parameters.AddWithValue("$oldest", oldestKept);
            return delete.ExecuteNonQuery();
        }, cancellation);
    }

    public Task DeleteOutboxAsync(IReadOnlyList<long> seqs, CancellationToken cancellation) =>
        seqs.Count == 0 ? Task.CompletedTask : Writer.RunAsync((connection, transaction) =>
        {
            using var delete = Command(connection, transaction, "DELETE FROM notification_outbox WHERE seq = $seq");
            var seq = delete.Parameters.Add("$seq", Microsoft.Data.Sqlite.SqliteType.Integer);
            foreach (var value in seqs)
            {
                seq.Value = value;
                delete.ExecuteNonQuery();
            }
            return seqs.Count;
        }, cancellation);
}
