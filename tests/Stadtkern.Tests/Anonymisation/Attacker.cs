using Stadtkern.Anonymisation;

namespace Stadtkern.Tests.Anonymisation;

/// <summary>
/// An attacker with a published count table and its totals: every line (cells that differ in one dimension) must sum to
/// its total, so any line with a single unknown gives it away, and solved unknowns may solve further lines. The attacker
/// repeats that until nothing changes; a test then fails if any suppressed count was recovered, or if a visible count is
/// below the minimum.
/// </summary>
internal static class Attacker
{
    public static void AssertNothingRecoverable(Table table, int minCellSize)
    {
        var dimensions = table.Columns.Count - 1;
        var known = Counts(table.Rows, dimensions);
        Assert.All(known.Values.OfType<long>(), n => Assert.True(n >= minCellSize, $"a visible count of {n}"));
        var suppressed = known.Where(k => k.Value is null).Select(k => k.Key).ToHashSet();
        bool solved;
        do
        {
            solved = false;
            for (var d = 0; d < dimensions; d++)
            {
                var dimension = d;
                foreach (var line in known.Keys.Where(k => k[dimension] != "*").GroupBy(k => With(k, dimension), new KeyComparer()))
                {
                    if (!known.TryGetValue(line.Key, out var total)) continue;
                    var members = line.ToList();
                    var unknown = members.Where(m => known[m] is null).ToList();
                    if (total is { } t && unknown.Count == 1)
                    {
                        known[unknown[0]] = t - members.Where(m => known[m] is not null).Sum(m => known[m]!.Value);
                        solved = true;
                    }
                    else if (total is null && unknown.Count == 0)
                    {
                        known[line.Key] = members.Sum(m => known[m]!.Value);
                        solved = true;
                    }
                    else if (total is { } all && unknown.Count >= 2)
                    {
                        var sum = all - members.Where(m => known[m] is not null).Sum(m => known[m]!.Value);
                        Assert.True(sum >= minCellSize, $"the hidden cells of line {string.Join("/", line.Key)} sum to {sum}, below {minCellSize}");
                    }
                }
            }
        }
        while (solved);
        var recovered = suppressed.Where(k => known[k] is not null).ToList();
        Assert.True(recovered.Count == 0, $"recovered: {string.Join("; ", recovered.Select(k => string.Join("/", k) + " = " + known[k]))}");
    }

    private static string[] Key(object?[] row, int dimensions) => [.. row.Take(dimensions).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "")];

    private static string[] With(string[] key, int dimension)
    {
        var copy = (string[])key.Clone();
        copy[dimension] = "*";
        return copy;
    }

    /// <summary>The published counts by their dimension values (null: suppressed); keys compare by content.</summary>
    private static Dictionary<string[], long?> Counts(IEnumerable<object?[]> rows, int dimensions) =>
        rows.ToDictionary(r => Key(r, dimensions), r => r[dimensions] is long n ? n : (long?)null, new KeyComparer());

    private sealed class KeyComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(string[] obj) => string.Join('\u001f', obj).GetHashCode(StringComparison.Ordinal);
    }
}
