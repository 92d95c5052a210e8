using Microsoft.Data.Sqlite;
using Stadtkern.Ledger;
using Stadtkern.Model;

namespace Stadtkern.Sqlite;

/// <summary>The transparency log's entries and perfect-subtree nodes (append-only tables, see migration 13).</summary>
public sealed partial class SqliteEntityStore : ILedgerStore
{
    public Task<IReadOnlyList<long>> AppendLedgerAsync(IReadOnlyList<(string Kind, byte[] Body)> entries, DateTimeOffset at, CancellationToken cancellation) =>
        Writer.RunAsync<IReadOnlyList<long>>((connection, transaction) =>
        {
            using var size = Command(connection, transaction, "SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries");
            var next = (long)size.ExecuteScalar()!;
            using var insert = Command(connection, transaction,
                "INSERT INTO ledger_entries (idx, kind, body, leaf_hash, recorded_at) VALUES ($idx, $kind, $body, $leaf, $at)");
            using var node = Command(connection, transaction, "INSERT INTO ledger_nodes (level, idx, hash) VALUES ($level, $idx, $hash)");
            using var sibling = Command(connection, transaction, "SELECT hash FROM ledger_nodes WHERE level = $level AND idx = $idx");
            var indexes = new List<long>(entries.Count);
            foreach (var (kind, body) in entries)
            {
                var leaf = MerkleHash.Leaf(body);
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$idx", next);
                insert.Parameters.AddWithValue("$kind", kind);
                insert.Parameters.AddWithValue("$body", body);
                insert.Parameters.AddWithValue("$leaf", leaf);
                insert.Parameters.AddWithValue("$at", Validation.Format(at));
                insert.ExecuteNonQuery();
                foreach (var (level, index, hash) in MerkleTree.NewNodes(next, leaf, (l, i) => ReadNode(sibling, l, i)))
                {
                    node.Parameters.Clear();
                    node.Parameters.AddWithValue("$level", level);
                    node.Parameters.AddWithValue("$idx", index);
                    node.Parameters.AddWithValue("$hash", hash);
                    node.ExecuteNonQuery();
                }
                indexes.Add(next++);
            }
            return indexes;
        }, cancellation);

    private static byte[] ReadNode(SqliteCommand select, int level, long index)
    {
        select.Parameters.Clear();
        select.Parameters.AddWithValue("$level", level);
        select.Parameters.AddWithValue("$idx", index);
        return select.ExecuteScalar() as byte[] ?? throw new InvalidOperationException($"The ledger lacks node {level}/{index}.");
    }

    public async Task<long> LedgerSizeAsync(CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries";
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    public async Task<LedgerEntry?> LedgerEntryAsync(long index, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, body, leaf_hash, recorded_at FROM ledger_entries WHERE idx = $idx";
        command.Parameters.AddWithValue("$idx", index);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation)) return null;
        return new LedgerEntry(index, reader.GetString(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2), ReadDate(reader, 3) ?? default);
    }

    public async Task<long?> LedgerIndexOfAsync(byte[] leafHash, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(idx) FROM ledger_entries WHERE leaf_hash = $leaf";
        command.Parameters.AddWithValue("$leaf", leafHash);
        return await command.ExecuteScalarAsync(cancellation) is long index ? index : null;
    }

    public async Task<IReadOnlyDictionary<(int Level, long Index), byte[]>> LedgerNodesAsync(IReadOnlyCollection<(int Level, long Index)> nodes,
        CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT hash FROM ledger_nodes WHERE level = $level AND idx = $idx";
        var level = command.Parameters.Add("$level", SqliteType.Integer);
        var idx = command.Parameters.Add("$idx", SqliteType.Integer);
        var result = new Dictionary<(int, long), byte[]>(nodes.Count);
        foreach (var key in nodes)
        {
            level.Value = key.Level;
            idx.Value = key.Index;
            result[key] = await command.ExecuteScalarAsync(cancellation) as byte[]
                ?? throw new InvalidOperationException($"The ledger lacks node {key.Level}/{key.Index}.");
        }
        return result;
    }
}
