using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.Errors;
using Stadtkern.Model;
using Stadtkern.Subscriptions;

namespace Stadtkern.Sqlite;

/// <summary>Subscriptions, one row each: the stored form as JSON and the delivery state in columns.</summary>
public sealed partial class SqliteEntityStore : ISubscriptionStore
{
    private const string SubscriptionColumns =
        "tenant, id, body, created_at, modified_at, times_sent, times_failed, last_notification, last_success, last_failure, delivery_status";

    public Task CreateSubscriptionAsync(StoredSubscription subscription, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var exists = Command(connection, transaction, "SELECT 1 FROM subscriptions WHERE tenant = $tenant AND id = $id");
            exists.Parameters.AddWithValue("$tenant", subscription.Tenant);
            exists.Parameters.AddWithValue("$id", subscription.Id);
            if (exists.ExecuteScalar() is not null) throw new NgsiLdException(ErrorType.AlreadyExists, $"Subscription {subscription.Id} already exists.");
            using var insert = Command(connection, transaction,
                "INSERT INTO subscriptions (tenant, id, body, created_at, modified_at) VALUES ($tenant, $id, $body, $created, $modified)");
            insert.Parameters.AddWithValue("$tenant", subscription.Tenant);
            insert.Parameters.AddWithValue("$id", subscription.Id);
            insert.Parameters.AddWithValue("$body", subscription.Document.ToJsonString());
            insert.Parameters.AddWithValue("$created", Validation.Format(subscription.CreatedAt));
            insert.Parameters.AddWithValue("$modified", Validation.Format(subscription.ModifiedAt));
            return insert.ExecuteNonQuery();
        }, cancellation);

    public async Task<StoredSubscription?> GetSubscriptionAsync(string tenant, string id, CancellationToken cancellation) =>
        (await ReadSubscriptionsAsync("WHERE tenant = $tenant AND id = $id", c =>
        {
            c.Parameters.AddWithValue("$tenant", tenant);
            c.Parameters.AddWithValue("$id", id);
        }, cancellation)).FirstOrDefault();

    public async Task<SubscriptionPage> ListSubscriptionsAsync(string tenant, int offset, int limit, bool count, CancellationToken cancellation)
    {
        var page = await ReadSubscriptionsAsync("WHERE tenant = $tenant ORDER BY seq LIMIT $limit OFFSET $offset", c =>
        {
            c.Parameters.AddWithValue("$tenant", tenant);
            c.Parameters.AddWithValue("$limit", limit);
            c.Parameters.AddWithValue("$offset", offset);
        }, cancellation);
        long? total = null;
        if (count)
        {
            await using var connection = OpenReader();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM subscriptions WHERE tenant = $tenant";
            command.Parameters.AddWithValue("$tenant", tenant);
            total = (long)(await command.ExecuteScalarAsync(cancellation))!;
        }
        return new SubscriptionPage(page, total);
    }

    public async Task<IReadOnlyList<StoredSubscription>> AllSubscriptionsAsync(CancellationToken cancellation) =>
        await ReadSubscriptionsAsync("ORDER BY seq", _ => { }, cancellation);

    public Task<bool> ReplaceSubscriptionAsync(string tenant, string id, JsonObject document, DateTimeOffset modifiedAt, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var update = Command(connection, transaction, "UPDATE subscriptions SET body = $body, modified_at = $modified WHERE tenant = $tenant AND id = $id");
            update.Parameters.AddWithValue("$tenant", tenant);
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$body", document.ToJsonString());
            update.Parameters.AddWithValue("$modified", Validation.Format(modifiedAt));
            return update.ExecuteNonQuery() > 0;
        }, cancellation);

    public Task<bool> DeleteSubscriptionAsync(string tenant, string id, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var outbox = Command(connection, transaction, "DELETE FROM notification_outbox WHERE tenant = $tenant AND subscription_id = $id");
            outbox.Parameters.AddWithValue("$tenant", tenant);
            outbox.Parameters.AddWithValue("$id", id);
            outbox.ExecuteNonQuery();
            using var lease = Command(connection, transaction, "DELETE FROM delivery_leases WHERE tenant = $tenant AND subscription_id = $id");
            lease.Parameters.AddWithValue("$tenant", tenant);
            lease.Parameters.AddWithValue("$id", id);
            lease.ExecuteNonQuery();
            using var delete = Command(connection, transaction, "DELETE FROM subscriptions WHERE tenant = $tenant AND id = $id");
            delete.Parameters.AddWithValue("$tenant", tenant);
            delete.Parameters.AddWithValue("$id", id);
            return delete.ExecuteNonQuery() > 0;
        }, cancellation);

    public Task SaveDeliveryStatusAsync(IReadOnlyList<(string Tenant, string Id, DeliveryStatus Status)> statuses, CancellationToken cancellation) =>
        statuses.Count == 0 ? Task.CompletedTask : Writer.RunAsync((connection, transaction) =>
        {
            using var update = Command(connection, transaction, """
                UPDATE subscriptions SET times_sent = $sent, times_failed = $failed, last_notification = $last,
                    last_success = $success, last_failure = $failure, delivery_status = $status
                WHERE tenant = $tenant AND id = $id
                """);
            foreach (var (tenant, id, status) in statuses)
            {
                update.Parameters.Clear();
                update.Parameters.AddWithValue("$tenant", tenant);
                update.Parameters.AddWithValue("$id", id);
                update.Parameters.AddWithValue("$sent", status.TimesSent);
                update.Parameters.AddWithValue("$failed", status.TimesFailed);
                update.Parameters.AddWithValue("$last", Date(status.LastNotification));
                update.Parameters.AddWithValue("$success", Date(status.LastSuccess));
                update.Parameters.AddWithValue("$failure", Date(status.LastFailure));
                update.Parameters.AddWithValue("$status", (object?)status.Status ?? DBNull.Value);
                update.ExecuteNonQuery();
            }
            return statuses.Count;
        }, cancellation);

    private static object Date(DateTimeOffset? value) => value is { } at ? Validation.Format(at) : DBNull.Value;

    private static DateTimeOffset? ReadDate(SqliteDataReader reader, int column) =>
        !reader.IsDBNull(column) && Validation.TryParseDateTime(reader.GetString(column), out var at) ? at : null;

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private async Task<List<StoredSubscription>> ReadSubscriptionsAsync(string clause, Action<SqliteCommand> bind, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SubscriptionColumns} FROM subscriptions {clause}";
        bind(command);
        var result = new List<StoredSubscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var status = new DeliveryStatus(reader.GetInt64(5), reader.GetInt64(6), ReadDate(reader, 7), ReadDate(reader, 8), ReadDate(reader, 9),
                reader.IsDBNull(10) ? null : reader.GetString(10));
            result.Add(new StoredSubscription(reader.GetString(0), reader.GetString(1), (JsonObject)JsonNode.Parse(reader.GetString(2))!, status,
                ReadDate(reader, 3) ?? default, ReadDate(reader, 4) ?? default));
        }
        return result;
    }
}
