using System.Text.Json.Nodes;

namespace Stadtkern.Anonymisation;

/// <summary>
/// Aggregates rows to counts per combination of the dimensions, with the totals of every dimension ("*") when
/// <c>totals</c> is on, and suppresses small counts: cells below the minimum cell size (primary), then further cells
/// (secondary) until no suppressed cell can be recomputed from the published totals. Each line of the table (the cells
/// that differ in one dimension, and their total) is an equation; an equation with exactly one suppressed member gives
/// that member away, and one whose suppressed cells sum to less than the minimum gives their small sum away. So the
/// smallest visible cell of such a line is suppressed as well (or its total, when no cell is left), until every line
/// holds either no suppressed member or at least two whose sum reaches the minimum.
/// </summary>
public sealed class AggregateRule(IReadOnlyList<string> dimensions, int minCellSize, bool totals) : AnonymisationRule
{
    /// <summary>How a total over a dimension is written in the output.</summary>
    public const string Total = "*";

    // Inside, totals are this object, so that no data value can be taken for one.
    private static readonly object TotalMarker = new();
    public const string CountColumn = "count";

    public override string Name => "aggregate";

    public override Table Apply(Table input, AnonymisationContext context, PrivacyReport report)
    {
        var indexes = dimensions.Select(input.IndexOf).ToArray();
        var cells = new Dictionary<Key, long>();
        foreach (var row in input.Rows)
        {
            var key = new Key([.. indexes.Select(i => row[i])]);
            cells[key] = cells.GetValueOrDefault(key) + 1;
        }
        var baseCells = cells.Keys.ToList();
        if (totals)
            foreach (var key in baseCells)
                for (var mask = 1; mask < 1 << indexes.Length; mask++)
                {
                    var marginal = key.With(mask);
                    cells[marginal] = cells.GetValueOrDefault(marginal) + cells[key];
                }
        var suppressed = cells.Where(c => c.Value < minCellSize).Select(c => c.Key).ToHashSet();
        var primary = suppressed.Count;
        if (totals) ProtectLines(cells, suppressed);
        Verify(cells, suppressed);
        report.CellsSuppressedPrimary += primary;
        report.CellsSuppressedSecondary += suppressed.Count - primary;
        report.Step(Name, new JsonObject
        {
            ["dimensions"] = new JsonArray([.. dimensions.Select(d => (JsonNode)d)]),
            ["minCellSize"] = minCellSize,
            ["totals"] = totals,
            ["cells"] = cells.Count,
            ["suppressedPrimary"] = primary,
            ["suppressedSecondary"] = suppressed.Count - primary,
        });
        var output = new Table([.. dimensions, CountColumn], new List<object?[]>(cells.Count));
        foreach (var (key, count) in cells.OrderBy(c => c.Key.Sort, StringComparer.Ordinal))
            output.Rows.Add([.. key.Values.Select(v => ReferenceEquals(v, TotalMarker) ? Total : v), suppressed.Contains(key) ? null : (object)count]);
        return output;
    }

    /// <summary>Every line: its members (the cells that differ only in dimension d) and its total (d = "*").</summary>
    private IEnumerable<(Key Total, List<Key> Members)> Lines(Dictionary<Key, long> cells)
    {
        for (var d = 0; d < dimensions.Count; d++)
        {
            var dimension = d;
            foreach (var line in cells.Keys.Where(k => !ReferenceEquals(k.Values[dimension], TotalMarker)).GroupBy(k => k.With(1 << dimension)))
                yield return (line.Key, line.ToList());
        }
    }

    private void ProtectLines(Dictionary<Key, long> cells, HashSet<Key> suppressed)
    {
        var lines = Lines(cells).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var (total, members) in lines)
            {
                var hidden = members.Where(suppressed.Contains).ToList();
                var totalHidden = suppressed.Contains(total);
                var unknowns = hidden.Count + (totalHidden ? 1 : 0);
                if (unknowns == 0) continue;
                var sumRevealed = !totalHidden && hidden.Sum(h => cells[h]) < minCellSize;
                if (unknowns >= 2 && !sumRevealed) continue;
                var next = members.Where(m => !suppressed.Contains(m)).OrderBy(m => cells[m]).ThenBy(m => m.Sort, StringComparer.Ordinal).FirstOrDefault();
                suppressed.Add(next ?? total);
                changed = true;
            }
        }
        while (changed);
    }

    /// <summary>The output check: no visible count below the minimum, and (with totals) no line that gives a suppressed member away.</summary>
    private void Verify(Dictionary<Key, long> cells, HashSet<Key> suppressed)
    {
        if (cells.Any(c => c.Value < minCellSize && !suppressed.Contains(c.Key)))
            throw new AnonymisationException($"A count below the minimum cell size {minCellSize} would be published.");
        if (!totals) return;
        foreach (var (total, members) in Lines(cells))
        {
            var hidden = members.Where(suppressed.Contains).ToList();
            var unknowns = hidden.Count + (suppressed.Contains(total) ? 1 : 0);
            if (unknowns == 1 || (unknowns >= 2 && !suppressed.Contains(total) && hidden.Sum(h => cells[h]) < minCellSize))
                throw new AnonymisationException("A suppressed count could be recomputed from the published totals.");
        }
    }

    /// <summary>A combination of dimension values; "*" stands for the total over a dimension.</summary>
    private sealed class Key(object?[] values) : IEquatable<Key>
    {
        public object?[] Values { get; } = values;

        public string Sort { get; } = string.Join('\u001f', values.Select(v => ReferenceEquals(v, TotalMarker) ? "\uffff" : CellText.Of(v)));

        /// <summary>The key with the dimensions in <paramref name="mask"/> set to the total.</summary>
        public Key With(int mask) => new([.. Values.Select((v, i) => (mask & (1 << i)) != 0 ? TotalMarker : v)]);

        public bool Equals(Key? other) => other is not null && Values.SequenceEqual(other.Values);

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Sort);
    }
}
