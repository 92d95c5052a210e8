using NpgsqlTypes;
using Stadtkern.Anonymisation;
using Stadtkern.Ledger;

namespace Stadtkern.Postgres;

/// <summary>
/// The transparency log's entries and perfect-subtree nodes, and the tenants' pseudonym secrets (migration 5). Appends
/// take a transaction-scoped advisory lock first, so that nodes sharing the database give out indexes one at a time.
/// </summary>
public sealed partial class PostgresEntityStore : ILedgerStore, IPseudonymKeyStore
{
    // Any fixed key, distinct from the (tenant, id) locks of entities (those use the two-integer form).
    private const long LedgerLock = 0x5374_6164_744C_6F67;

    public Task<IReadOnlyList<long>> AppendLedgerAsync(IReadOnlyList<(string Kind, byte[] Body)> entries, DateTimeOffset at, CancellationToken cancellation) =>
        WriteAsync<IReadOnlyList<long>>(command =>
        {
            using (var lockLog = command("SELECT pg_advisory_xact_lock(@key)"))
            {
                lockLog.Parameters.AddWithValue("key", LedgerLock);
                lockLog.ExecuteNonQuery();
            }
            using var size = command("SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries");
            var next = (long)size.ExecuteScalar()!;
            var indexes = new List<long>(entries.Count);
            foreach (var (kind, body) in entries)
            {
                var leaf = MerkleHash.Leaf(body);
                using (var insert = command("INSERT INTO ledger_entries (idx, kind, body, leaf_hash, recorded_at) VALUES (@idx, @kind, @body, @leaf, @at)"))
                {
                    insert.Parameters.AddWithValue("idx", next);
                    insert.Parameters.AddWithValue("kind", kind);
                    insert.Parameters.AddWithValue("body", body);
                    insert.Parameters.AddWithValue("leaf", leaf);
                    insert.Parameters.AddWithValue("at", at.ToUniversalTime());
                    insert.ExecuteNonQuery();
                }
                foreach (var (level, index, hash) in MerkleTree.NewNodes(next, leaf, (l, i) => ReadNode(command, l, i)))
                {
                    using var node = command("INSERT INTO ledger_nodes (level, idx, hash) VALUES (@level, @idx, @hash)");
                    node.Parameters.AddWithValue("level", level);
                    node.Parameters.AddWithValue("idx", index);
                    node.Parameters.AddWithValue("hash", hash);
                    node.ExecuteNonQuery();
                }
                indexes.Add(next++);
            }
            return indexes;
        }, cancellation);

    private static byte[] ReadNode(Func<string, Npgsql.NpgsqlCommand> command, int level, long index)
    {
        using var select = command("SELECT hash FROM ledger_nodes WHERE level = @level AND idx = @idx");
        select.Parameters.AddWithValue("level", level);
        select.Parameters.AddWithValue("idx", index);
        return select.ExecuteScalar() as byte[] ?? throw new InvalidOperationException($"The ledger lacks node {level}/{index}.");
    }

    public async Task<long> LedgerSizeAsync(CancellationToken cancellation)
    {
        await using var command = Read("SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries");
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    public async Task<LedgerEntry?> LedgerEntryAsync(long index, CancellationToken cancellation)
    {
        await using var command = Read("SELECT kind, body, leaf_hash, recorded_at FROM ledger_entries WHERE idx = @idx");
        command.Parameters.AddWithValue("idx", index);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation)) return null;
        return new LedgerEntry(index, reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<DateTimeOffset>(3));
    }

    public async Task<long?> LedgerIndexOfAsync(byte[] leafHash, CancellationToken cancellation)
    {
        await using var command = Read("SELECT MIN(idx) FROM ledger_entries WHERE leaf_hash = @leaf");
        command.Parameters.AddWithValue("leaf", leafHash);
        return await command.ExecuteScalarAsync(cancellation) is long index ? index : null;
    }

    public async Task<IReadOnlyDictionary<(int Level, long Index), byte[]>> LedgerNodesAsync(IReadOnlyCollection<(int Level, long Index)> nodes,
        CancellationToken cancellation)
    {
        await using var command = Read("""
            SELECT n.level, n.idx, n.hash FROM ledger_nodes n JOIN unnest(@levels, @indexes) AS w(level, idx) ON n.level = w.level AND n.idx = w.idx
            """);
        command.Parameters.AddWithValue("levels", NpgsqlDbType.Array | NpgsqlDbType.Integer, nodes.Select(n => n.Level).ToArray());
        command.Parameters.AddWithValue("indexes", NpgsqlDbType.Array | NpgsqlDbType.Bigint, nodes.Select(n => n.Index).ToArray());
        var result = new Dictionary<(int, long), byte[]>(nodes.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) result[(reader.GetInt32(0), reader.GetInt64(1))] = reader.GetFieldValue<byte[]>(2);
        if (result.Count != nodes.Count) throw new InvalidOperationException("The ledger lacks nodes a proof needs.");
        return result;
    }

    public async Task<IReadOnlyList<PseudonymKey>> PseudonymKeysAsync(string tenant, CancellationToken cancellation)
    {
        await using var command = Read("SELECT version, secret, created_at FROM pseudonym_keys WHERE tenant = @tenant ORDER BY version");
        command.Parameters.AddWithValue("tenant", tenant);
        var keys = new List<PseudonymKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            keys.Add(new PseudonymKey(reader.GetInt32(0), reader.GetFieldValue<byte[]>(1)) { CreatedAt = reader.GetFieldValue<DateTimeOffset>(2) });
        return keys;
    }

    public Task<PseudonymKey> AddPseudonymKeyAsync(string tenant, byte[] secret, DateTimeOffset at, CancellationToken cancellation) =>
        WriteAsync(command =>
        {
            // The primary key makes a concurrent rotation on another node fail rather than share a version.
            using var insert = command("""
                INSERT INTO pseudonym_keys (tenant, version, secret, created_at)
                SELECT @tenant, COALESCE(MAX(version), 0) + 1, @secret, @at FROM pseudonym_keys WHERE tenant = @tenant
                RETURNING version
                """);
            insert.Parameters.AddWithValue("tenant", tenant);
            insert.Parameters.AddWithValue("secret", secret);
            insert.Parameters.AddWithValue("at", at.ToUniversalTime());
            var version = (int)insert.ExecuteScalar()!;
            return new PseudonymKey(version, secret) { CreatedAt = at };
        }, cancellation);
}
