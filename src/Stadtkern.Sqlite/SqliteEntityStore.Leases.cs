namespace Stadtkern.Sqlite;

/// <summary>
/// Delivery leases, as on PostgreSQL: one process serves the embedded store, so its node always gets them, but the
/// contract (one holder until expiry by the database's clock) is the same.
/// </summary>
public sealed partial class SqliteEntityStore
{
    private const string NowMilliseconds = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    public Task<bool> ClaimDeliveryAsync(string tenant, string subscriptionId, string node, TimeSpan lease, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var claim = Command(connection, transaction, $"""
                INSERT INTO delivery_leases (tenant, subscription_id, node, expires_at) VALUES ($tenant, $subscription, $node, {NowMilliseconds} + $lease)
                ON CONFLICT (tenant, subscription_id) DO UPDATE SET node = excluded.node, expires_at = excluded.expires_at
                WHERE delivery_leases.node = excluded.node OR delivery_leases.expires_at <= {NowMilliseconds}
                RETURNING 1
                """);
            claim.Parameters.AddWithValue("$tenant", tenant);
            claim.Parameters.AddWithValue("$subscription", subscriptionId);
            claim.Parameters.AddWithValue("$node", node);
            claim.Parameters.AddWithValue("$lease", (long)lease.TotalMilliseconds);
            return claim.ExecuteScalar() is not null;
        }, cancellation);
}
