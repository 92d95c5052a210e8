using Stadtkern.Anonymisation;
using Stadtkern.Model;

namespace Stadtkern.Sqlite;

/// <summary>Pseudonym secrets per tenant and version (migration 14).</summary>
public sealed partial class SqliteEntityStore : IPseudonymKeyStore
{
    public async Task<IReadOnlyList<PseudonymKey>> PseudonymKeysAsync(string tenant, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, secret, created_at FROM pseudonym_keys WHERE tenant = $tenant ORDER BY version";
        command.Parameters.AddWithValue("$tenant", tenant);
        var keys = new List<PseudonymKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            keys.Add(new PseudonymKey(reader.GetInt32(0), (byte[])reader.GetValue(1)) { CreatedAt = ReadDate(reader, 2) ?? default });
        return keys;
    }

    public Task<PseudonymKey> AddPseudonymKeyAsync(string tenant, byte[] secret, DateTimeOffset at, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var next = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) + 1 FROM pseudonym_keys WHERE tenant = $tenant");
            next.Parameters.AddWithValue("$tenant", tenant);
            var version = Convert.ToInt32(next.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            using var insert = Command(connection, transaction, "INSERT INTO pseudonym_keys (tenant, version, secret, created_at) VALUES ($tenant, $version, $secret, $at)");
            insert.Parameters.AddWithValue("$tenant", tenant);
            insert.Parameters.AddWithValue("$version", version);
            insert.Parameters.AddWithValue("$secret", secret);
            insert.Parameters.AddWithValue("$at", Validation.Format(at));
            insert.ExecuteNonQuery();
            return new PseudonymKey(version, secret) { CreatedAt = at };
        }, cancellation);
}
