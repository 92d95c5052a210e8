using System.Text.Json.Nodes;

namespace Stadtkern.Sqlite;

/// <summary>
/// The value index (<c>attr_values</c>) that answers q: one row per scalar value of an attribute, keyed by entity, attribute
/// and position. A changed reading is rewritten in place, touching only the index of the column that changed.
/// </summary>
internal sealed partial class SqliteEntityTransaction
{
    private const int RowsPerInsert = 32;

    private readonly record struct IndexedValue(string Attribute, int Position, double? Number, string? Text);

    private static Dictionary<string, List<IndexedValue>> ValuesOf(JsonObject entity, HashSet<string>? only)
    {
        var values = new Dictionary<string, List<IndexedValue>>(StringComparer.Ordinal);
        foreach (var (attribute, number, text) in Query.IndexedValues.Of(entity))
        {
            if (only is not null && !only.Contains(attribute)) continue;
            if (!values.TryGetValue(attribute, out var list)) values[attribute] = list = [];
            list.Add(new IndexedValue(attribute, list.Count, number, text));
        }
        return values;
    }

    private void IndexValues(long seq, JsonObject entity, HashSet<string>? only) =>
        InsertValues(seq, ValuesOf(entity, only).Values.SelectMany(v => v).ToList());

    /// <summary>Brings the index of <paramref name="changed"/> attributes from <paramref name="old"/> to <paramref name="current"/>.</summary>
    private void ReindexValues(long seq, JsonObject old, JsonObject current, HashSet<string> changed)
    {
        var before = ValuesOf(old, changed);
        var after = ValuesOf(current, changed);
        var inserts = new List<IndexedValue>();
        foreach (var attribute in changed)
        {
            var was = before.GetValueOrDefault(attribute) ?? [];
            var now = after.GetValueOrDefault(attribute) ?? [];
            for (var i = 0; i < Math.Min(was.Count, now.Count); i++)
                UpdateValue(seq, was[i], now[i]);
            if (now.Count < was.Count)
            {
                var delete = Command("DELETE FROM attr_values WHERE seq = $seq AND attribute = $attr AND n >= $n");
                delete.Parameters.AddWithValue("$seq", seq);
                delete.Parameters.AddWithValue("$attr", attribute);
                delete.Parameters.AddWithValue("$n", now.Count);
                delete.ExecuteNonQuery();
            }
            inserts.AddRange(now.Skip(was.Count));
        }
        InsertValues(seq, inserts);
    }

    private void UpdateValue(long seq, IndexedValue was, IndexedValue now)
    {
        var number = was.Number != now.Number;
        var text = !string.Equals(was.Text, now.Text, StringComparison.Ordinal);
        if (!number && !text) return;
        // Only the columns named in SET have their index rewritten.
        var command = Command((number, text) switch
        {
            (true, false) => "UPDATE attr_values SET num = $num WHERE seq = $seq AND attribute = $attr AND n = $n",
            (false, true) => "UPDATE attr_values SET str = $str WHERE seq = $seq AND attribute = $attr AND n = $n",
            _ => "UPDATE attr_values SET num = $num, str = $str WHERE seq = $seq AND attribute = $attr AND n = $n",
        });
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$attr", now.Attribute);
        command.Parameters.AddWithValue("$n", now.Position);
        if (number) command.Parameters.AddWithValue("$num", now.Number is { } n ? n : DBNull.Value);
        if (text) command.Parameters.AddWithValue("$str", now.Text is { } t ? t : DBNull.Value);
        command.ExecuteNonQuery();
    }

    private void InsertValues(long seq, List<IndexedValue> rows)
    {
        for (var start = 0; start < rows.Count; start += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, rows.Count - start);
            var command = Command("INSERT INTO attr_values (seq, attribute, n, tenant, num, str) VALUES "
                + string.Join(',', Enumerable.Range(0, count).Select(i => $"($seq, $attr{i}, $n{i}, $tenant, $num{i}, $str{i})")));
            command.Parameters.AddWithValue("$seq", seq);
            for (var i = 0; i < count; i++)
            {
                var row = rows[start + i];
                command.Parameters.AddWithValue($"$attr{i}", row.Attribute);
                command.Parameters.AddWithValue($"$n{i}", row.Position);
                command.Parameters.AddWithValue($"$num{i}", row.Number is { } n ? n : DBNull.Value);
                command.Parameters.AddWithValue($"$str{i}", row.Text is { } t ? t : DBNull.Value);
            }
            command.ExecuteNonQuery();
        }
    }
}
