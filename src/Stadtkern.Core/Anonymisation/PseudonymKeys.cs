using System.Security.Cryptography;

namespace Stadtkern.Anonymisation;

/// <summary>
/// Durable storage of each tenant's pseudonym secrets, by version. The secrets live in the store beside the raw data
/// they protect: whoever can read the store can read the identifiers themselves, so they need no other protection
/// than the store's own (backups included).
/// </summary>
public interface IPseudonymKeyStore
{
    /// <summary>The tenant's key versions, oldest first.</summary>
    Task<IReadOnlyList<PseudonymKey>> PseudonymKeysAsync(string tenant, CancellationToken cancellation);

    /// <summary>Adds the next version (one higher than the newest) and returns it.</summary>
    Task<PseudonymKey> AddPseudonymKeyAsync(string tenant, byte[] secret, DateTimeOffset at, CancellationToken cancellation);
}

/// <summary>A key version as listed: never the secret.</summary>
public sealed record PseudonymKeyInfo(int Version, DateTimeOffset CreatedAt, bool Current);

/// <summary>
/// The pseudonym keys of the tenants: each tenant's current key (made on first use: 256 random bits), and rotation,
/// after which new releases carry new pseudonyms that cannot be linked to the earlier ones.
/// </summary>
public sealed class PseudonymKeys(IPseudonymKeyStore store, TimeProvider time)
{
    private const int SecretBytes = 32;

    public async Task<PseudonymKey> CurrentAsync(string tenant, CancellationToken cancellation) =>
        (await store.PseudonymKeysAsync(tenant, cancellation)).LastOrDefault() ?? await RotateAsync(tenant, cancellation);

    public Task<PseudonymKey> RotateAsync(string tenant, CancellationToken cancellation) =>
        store.AddPseudonymKeyAsync(tenant, RandomNumberGenerator.GetBytes(SecretBytes), time.GetUtcNow(), cancellation);

    public async Task<IReadOnlyList<PseudonymKeyInfo>> ListAsync(string tenant, CancellationToken cancellation)
    {
        var keys = await store.PseudonymKeysAsync(tenant, cancellation);
        return [.. keys.Select((k, i) => new PseudonymKeyInfo(k.Version, k.CreatedAt, i == keys.Count - 1))];
    }
}
