using Microsoft.Data.Sqlite;
using Stadtkern.Model;
using Stadtkern.Subscriptions;

namespace Stadtkern.Sqlite;

/// <summary>Notifications caused by a change are written in the change's own transaction: both commit, or neither.</summary>
internal sealed partial class SqliteEntityTransaction : IOutboxTransaction
{
    public void EnqueueNotification(OutboxMessage message)
    {
        if (message.Tenant != tenant) throw new InvalidOperationException("A notification belongs to the tenant of the change that caused it.");
        var command = Command(SqliteOutbox.InsertSql);
        SqliteOutbox.Bind(command, message);
        command.ExecuteNonQuery();
    }
}

/// <summary>The outbox row format, shared by entity transactions and the subscription store.</summary>
internal static class SqliteOutbox
{
    public const string InsertSql =
        "INSERT INTO notification_outbox (tenant, subscription_id, uri, headers, body, created_at, notifier_info) VALUES ($tenant, $subscription, $uri, $headers, $body, $at, $notifier)";

    /// <summary>Binds a message; <c>$tenant</c> only when the command does not carry it already.</summary>
    public static void Bind(SqliteCommand command, OutboxMessage message)
    {
        if (!command.Parameters.Contains("$tenant")) command.Parameters.AddWithValue("$tenant", message.Tenant);
        command.Parameters.AddWithValue("$subscription", message.SubscriptionId);
        command.Parameters.AddWithValue("$uri", message.Uri);
        command.Parameters.AddWithValue("$headers", OutboxPairs.Write(message.Headers));
        command.Parameters.AddWithValue("$notifier", message.NotifierInfo.Count == 0 ? DBNull.Value : OutboxPairs.Write(message.NotifierInfo));
        command.Parameters.AddWithValue("$body", message.Body);
        command.Parameters.AddWithValue("$at", Validation.Format(message.QueuedAt));
    }

}
