using Npgsql;
using Stadtkern.Subscriptions;

namespace Stadtkern.Postgres;

/// <summary>
/// The notification outbox: rows are read per subscription in sequence order, and sequence numbers follow commit order
/// across all nodes (<see cref="PostgresOutbox.Order"/>), so a reader that has seen up to N never later finds a new row
/// below N. Which node delivers a subscription's rows is decided by its lease (<see cref="ClaimDeliveryAsync"/>).
/// </summary>
public sealed partial class PostgresEntityStore
{
    public Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellation) =>
        messages.Count == 0 ? Task.CompletedTask : WriteAsync(command =>
        {
            foreach (var message in messages)
            {
                using var insert = command(PostgresOutbox.InsertSql);
                PostgresOutbox.Bind(insert, message);
                Writer.Enqueued((long)insert.ExecuteScalar()!);
            }
            return messages.Count;
        }, cancellation);

    public async Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string tenant, string subscriptionId, long afterSeq, int limit, CancellationToken cancellation)
    {
        await using var command = Read("""
            SELECT seq, uri, headers::text, body, created_at, notifier_info::text FROM notification_outbox
            WHERE tenant = @tenant AND subscription_id = @subscription AND seq > @after ORDER BY seq LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("subscription", subscriptionId);
        command.Parameters.AddWithValue("after", afterSeq);
        command.Parameters.AddWithValue("limit", limit);
        var result = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var message = new OutboxMessage(tenant, subscriptionId, reader.GetString(1), OutboxPairs.Read(reader.GetString(2)), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4))
            {
                NotifierInfo = OutboxPairs.Read(reader.IsDBNull(5) ? null : reader.GetString(5)),
            };
            result.Add(new OutboxEntry(reader.GetInt64(0), message));
        }
        return result;
    }

    public async Task<IReadOnlyList<(string Tenant, string SubscriptionId, long LastSeq)>> PendingQueuesAsync(long afterSeq, CancellationToken cancellation)
    {
        await using var command = Read("SELECT tenant, subscription_id, MAX(seq) FROM notification_outbox WHERE seq > @after GROUP BY tenant, subscription_id");
        command.Parameters.AddWithValue("after", afterSeq);
        var result = new List<(string, string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) result.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return result;
    }

    public async Task<int> TrimOutboxAsync(string tenant, string subscriptionId, int keep, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        // Find the oldest row to keep with a plain read, so that the writer only runs when there is something to delete.
        await using var oldest = Read("""
            SELECT seq FROM notification_outbox WHERE tenant = @tenant AND subscription_id = @subscription ORDER BY seq DESC OFFSET @offset LIMIT 1
            """);
        oldest.Parameters.AddWithValue("tenant", tenant);
        oldest.Parameters.AddWithValue("subscription", subscriptionId);
        oldest.Parameters.AddWithValue("offset", keep - 1);
        if (await oldest.ExecuteScalarAsync(cancellation) is not long oldestKept) return 0;
        return await WriteAsync(command =>
        {
            using var delete = command("DELETE FROM notification_outbox WHERE tenant = @tenant AND subscription_id = @subscription AND seq < @oldest");
            delete.Parameters.AddWithValue("tenant", tenant);
            delete.Parameters.AddWithValue("subscription", subscriptionId);
            delete.Parameters.AddWithValue("oldest", oldestKept);
            return delete.ExecuteNonQuery();
        }, cancellation);
    }

    public Task DeleteOutboxAsync(IReadOnlyList<long> seqs, CancellationToken cancellation) =>
        seqs.Count == 0 ? Task.CompletedTask : WriteAsync(command =>
        {
            using var delete = command("DELETE FROM notification_outbox WHERE seq = ANY(@seqs)");
            delete.Parameters.AddWithValue("seqs", seqs.ToArray());
            return delete.ExecuteNonQuery();
        }, cancellation);
}

/// <summary>Notifications caused by a change are written in the change's own transaction: both commit, or neither.</summary>
internal sealed partial class PostgresEntityTransaction : IOutboxTransaction
{
    public void EnqueueNotification(OutboxMessage message)
    {
        if (message.Tenant != tenant) throw new InvalidOperationException("A notification belongs to the tenant of the change that caused it.");
        using var insert = new NpgsqlCommand(PostgresOutbox.InsertSql, connection, transaction);
        PostgresOutbox.Bind(insert, message);
        writer.Enqueued((long)insert.ExecuteScalar()!);
    }
}

/// <summary>The outbox row format, shared by entity transactions and the subscription store.</summary>
internal static class PostgresOutbox
{
    public const string InsertSql =
        "INSERT INTO notification_outbox (tenant, subscription_id, uri, headers, body, created_at, notifier_info) VALUES (@tenant, @subscription, @uri, @headers, @body, @at, @notifier) RETURNING seq";

    // Held from numbering a batch's rows to its commit: numbering is commit order across the nodes.
    private const long OrderLock = 0x5374_6164_4F75_7462;

    public static void Bind(NpgsqlCommand command, OutboxMessage message)
    {
        command.Parameters.AddWithValue("tenant", message.Tenant);
        command.Parameters.AddWithValue("subscription", message.SubscriptionId);
        command.Parameters.AddWithValue("uri", message.Uri);
        command.Parameters.Add(PostgresEntityStore.Jsonb("headers", OutboxPairs.Write(message.Headers)));
        command.Parameters.Add(PostgresEntityStore.Jsonb("notifier", message.NotifierInfo.Count == 0 ? null : OutboxPairs.Write(message.NotifierInfo)));
        command.Parameters.AddWithValue("body", message.Body);
        command.Parameters.AddWithValue("at", message.QueuedAt.ToUniversalTime());
    }

    /// <summary>
    /// Just before a batch commits: gives its outbox rows their final sequence numbers, in the order they were written,
    /// under a lock that the batch holds until its commit, and wakes the other nodes' delivery. A row inserted earlier by
    /// another node's batch that commits later thus still gets a higher number than every row committed before it; the
    /// lock is taken last in a transaction, so it cannot take part in a deadlock with the per-entity locks.
    /// </summary>
    public static void Order(NpgsqlTransaction transaction, IReadOnlyList<long> inserted, string node)
    {
        using var order = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock({OrderLock});
            UPDATE notification_outbox o SET seq = n.final
            FROM (SELECT old, nextval(pg_get_serial_sequence('notification_outbox', 'seq')) AS final
                  FROM (SELECT old FROM unnest(@inserted) AS u(old) ORDER BY old OFFSET 0) AS ordered) AS n
            WHERE o.seq = n.old;
            SELECT pg_notify('{PostgresNotices.Channel}', @payload);
            """, transaction.Connection, transaction);
        order.Parameters.AddWithValue("inserted", inserted.ToArray());
        order.Parameters.AddWithValue("payload", PostgresNotices.Payload(node, Nodes.NodeNoticeKind.Outbox, null, null));
        order.ExecuteNonQuery();
    }
}
