using System.Text.Json.Nodes;
using Npgsql;
using Stadtkern.Errors;
using Stadtkern.Subscriptions;

namespace Stadtkern.Postgres;

/// <summary>Subscriptions, one row each: the stored form as JSONB and the delivery state in columns.</summary>
public sealed partial class PostgresEntityStore : ISubscriptionStore
{
    private const string SubscriptionColumns =
        "tenant, id, body::text, created_at, modified_at, times_sent, times_failed, last_notification, last_success, last_failure, delivery_status";

    public Task CreateSubscriptionAsync(StoredSubscription subscription, CancellationToken cancellation) =>
        WriteAndAnnounceAsync(Nodes.NodeNoticeKind.Subscription, subscription.Tenant, subscription.Id, command =>
        {
            using var insert = command("""
                INSERT INTO subscriptions (tenant, id, body, created_at, modified_at) VALUES (@tenant, @id, @body, @created, @modified)
                ON CONFLICT (tenant, id) DO NOTHING
                """);
            insert.Parameters.AddWithValue("tenant", subscription.Tenant);
            insert.Parameters.AddWithValue("id", subscription.Id);
            insert.Parameters.Add(Jsonb("body", subscription.Document.ToJsonString()));
            insert.Parameters.AddWithValue("created", subscription.CreatedAt.ToUniversalTime());
            insert.Parameters.AddWithValue("modified", subscription.ModifiedAt.ToUniversalTime());
            return insert.ExecuteNonQuery() == 1 ? 1 : throw new NgsiLdException(ErrorType.AlreadyExists, $"Subscription {subscription.Id} already exists.");
        }, cancellation);

    public async Task<StoredSubscription?> GetSubscriptionAsync(string tenant, string id, CancellationToken cancellation) =>
        (await ReadSubscriptionsAsync("WHERE tenant = @tenant AND id = @id", c =>
        {
            c.Parameters.AddWithValue("tenant", tenant);
            c.Parameters.AddWithValue("id", id);
        }, cancellation)).FirstOrDefault();

    public async Task<SubscriptionPage> ListSubscriptionsAsync(string tenant, int offset, int limit, bool count, CancellationToken cancellation)
    {
        var page = await ReadSubscriptionsAsync("WHERE tenant = @tenant ORDER BY seq LIMIT @limit OFFSET @offset", c =>
        {
            c.Parameters.AddWithValue("tenant", tenant);
            c.Parameters.AddWithValue("limit", limit);
            c.Parameters.AddWithValue("offset", offset);
        }, cancellation);
        long? total = null;
        if (count)
        {
            await using var command = Read("SELECT COUNT(*) FROM subscriptions WHERE tenant = @tenant");
            command.Parameters.AddWithValue("tenant", tenant);
            total = (long)(await command.ExecuteScalarAsync(cancellation))!;
        }
        return new SubscriptionPage(page, total);
    }

    public async Task<IReadOnlyList<StoredSubscription>> AllSubscriptionsAsync(CancellationToken cancellation) =>
        await ReadSubscriptionsAsync("ORDER BY seq", _ => { }, cancellation);

    public Task<bool> ReplaceSubscriptionAsync(string tenant, string id, JsonObject document, DateTimeOffset modifiedAt, CancellationToken cancellation) =>
        WriteAndAnnounceAsync(Nodes.NodeNoticeKind.Subscription, tenant, id, command =>
        {
            using var update = command("UPDATE subscriptions SET body = @body, modified_at = @modified WHERE tenant = @tenant AND id = @id");
            update.Parameters.AddWithValue("tenant", tenant);
            update.Parameters.AddWithValue("id", id);
            update.Parameters.Add(Jsonb("body", document.ToJsonString()));
            update.Parameters.AddWithValue("modified", modifiedAt.ToUniversalTime());
            return update.ExecuteNonQuery() > 0;
        }, cancellation);

    public Task<bool> DeleteSubscriptionAsync(string tenant, string id, CancellationToken cancellation) =>
        WriteAndAnnounceAsync(Nodes.NodeNoticeKind.Subscription, tenant, id, command =>
        {
            using var lease = command("DELETE FROM delivery_leases WHERE tenant = @tenant AND subscription_id = @id");
            lease.Parameters.AddWithValue("tenant", tenant);
            lease.Parameters.AddWithValue("id", id);
            lease.ExecuteNonQuery();
            using var outbox = command("DELETE FROM notification_outbox WHERE tenant = @tenant AND subscription_id = @id");
            outbox.Parameters.AddWithValue("tenant", tenant);
            outbox.Parameters.AddWithValue("id", id);
            outbox.ExecuteNonQuery();
            using var delete = command("DELETE FROM subscriptions WHERE tenant = @tenant AND id = @id");
            delete.Parameters.AddWithValue("tenant", tenant);
            delete.Parameters.AddWithValue("id", id);
            return delete.ExecuteNonQuery() > 0;
        }, cancellation);

    public Task SaveDeliveryStatusAsync(IReadOnlyList<(string Tenant, string Id, DeliveryStatus Status)> statuses, CancellationToken cancellation) =>
        statuses.Count == 0 ? Task.CompletedTask : WriteAsync(command =>
        {
            using var update = command("""
                UPDATE subscriptions s SET times_sent = u.sent, times_failed = u.failed, last_notification = u.last,
                    last_success = u.success, last_failure = u.failure, delivery_status = u.status
                FROM unnest(@tenants, @ids, @sent, @failed, @last, @success, @failure, @status) AS u(tenant, id, sent, failed, last, success, failure, status)
                WHERE s.tenant = u.tenant AND s.id = u.id
                """);
            update.Parameters.AddWithValue("tenants", statuses.Select(s => s.Tenant).ToArray());
            update.Parameters.AddWithValue("ids", statuses.Select(s => s.Id).ToArray());
            update.Parameters.AddWithValue("sent", statuses.Select(s => s.Status.TimesSent).ToArray());
            update.Parameters.AddWithValue("failed", statuses.Select(s => s.Status.TimesFailed).ToArray());
            update.Parameters.Add(Instants("last", statuses.Select(s => s.Status.LastNotification)));
            update.Parameters.Add(Instants("success", statuses.Select(s => s.Status.LastSuccess)));
            update.Parameters.Add(Instants("failure", statuses.Select(s => s.Status.LastFailure)));
            update.Parameters.AddWithValue("status", statuses.Select(s => s.Status.Status).ToArray());
            update.ExecuteNonQuery();
            return statuses.Count;
        }, cancellation);

    private static NpgsqlParameter Instants(string name, IEnumerable<DateTimeOffset?> values) =>
        new(name, NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = values.Select(v => v?.ToUniversalTime()).ToArray() };

    private static DateTimeOffset? ReadDate(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);

    private async Task<List<StoredSubscription>> ReadSubscriptionsAsync(string clause, Action<NpgsqlCommand> bind, CancellationToken cancellation)
    {
        await using var command = Read($"SELECT {SubscriptionColumns} FROM subscriptions {clause}");
        bind(command);
        var result = new List<StoredSubscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var status = new DeliveryStatus(reader.GetInt64(5), reader.GetInt64(6), ReadDate(reader, 7), ReadDate(reader, 8), ReadDate(reader, 9),
                reader.IsDBNull(10) ? null : reader.GetString(10));
            result.Add(new StoredSubscription(reader.GetString(0), reader.GetString(1), (JsonObject)JsonNode.Parse(reader.GetString(2))!, status,
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return result;
    }
}
