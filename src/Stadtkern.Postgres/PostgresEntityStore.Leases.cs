namespace Stadtkern.Postgres;

/// <summary>Delivery leases: which node delivers a subscription's notifications, until when by the database's clock.</summary>
public sealed partial class PostgresEntityStore
{
    public async Task<bool> ClaimDeliveryAsync(string tenant, string subscriptionId, string node, TimeSpan lease, CancellationToken cancellation)
    {
        // One statement: the row lock of the conflicting row decides between two nodes claiming at once.
        await using var claim = Read("""
            INSERT INTO delivery_leases (tenant, subscription_id, node, expires_at) VALUES (@tenant, @subscription, @node, now() + @lease)
            ON CONFLICT (tenant, subscription_id) DO UPDATE SET node = excluded.node, expires_at = excluded.expires_at
            WHERE delivery_leases.node = excluded.node OR delivery_leases.expires_at <= now()
            RETURNING 1
            """);
        claim.Parameters.AddWithValue("tenant", tenant);
        claim.Parameters.AddWithValue("subscription", subscriptionId);
        claim.Parameters.AddWithValue("node", node);
        claim.Parameters.AddWithValue("lease", lease);
        return await claim.ExecuteScalarAsync(cancellation) is not null;
    }
}
