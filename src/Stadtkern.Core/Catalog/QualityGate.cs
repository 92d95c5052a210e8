using System.Globalization;
using System.Text.Json.Nodes;
using Stadtkern.Anonymisation;
using Stadtkern.Catalog.Distributions;

namespace Stadtkern.Catalog;

/// <summary>Count, mean, minimum and maximum of a numeric column: kept with each release to judge the next.</summary>
public sealed record ColumnStats(long Count, double Mean, double Min, double Max)
{
    public JsonObject ToJson() => new() { ["count"] = Count, ["mean"] = Mean, ["min"] = Min, ["max"] = Max };

    public static ColumnStats? From(JsonNode? node) => node is JsonObject o && o["count"] is { } c && o["mean"] is { } m
        ? new ColumnStats(c.GetValue<long>(), m.GetValue<double>(), o["min"]!.GetValue<double>(), o["max"]!.GetValue<double>()) : null;

    public static Dictionary<string, ColumnStats> Of(Table table)
    {
        var result = new Dictionary<string, ColumnStats>(StringComparer.Ordinal);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            long n = 0;
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            var numeric = true;
            foreach (var row in table.Rows)
            {
                if (row[c] is not { } value) continue;
                if (ColumnShape.KindOf(value) != ColumnKind.Number) { numeric = false; break; }
                var d = ColumnShape.Number(value);
                if (!double.IsFinite(d)) continue;
                n++;
                sum += d;
                min = Math.Min(min, d);
                max = Math.Max(max, d);
            }
            if (numeric && n > 0) result[table.Columns[c]] = new ColumnStats(n, sum / n, min, max);
        }
        return result;
    }
}

/// <summary>The quality gate's verdict: the findings that hold a release for review (none: it may be published).</summary>
public sealed record QualityVerdict(IReadOnlyList<string> Findings, Dictionary<string, ColumnStats> Stats)
{
    public bool Passed => Findings.Count == 0;

    public JsonObject ToJson() => new() { ["passed"] = Passed, ["findings"] = new JsonArray([.. Findings.Select(f => (JsonNode)f)]) };
}

/// <summary>
/// Checks an extract before anonymisation: enough rows, plausible values, complete rows, fresh readings, and no sudden
/// shift of a column's mean against the previous release (a sign of a broken or manipulated source).
/// </summary>
public static class QualityGate
{
    public static QualityVerdict Check(QualityRules rules, Table table, IReadOnlyDictionary<string, ColumnStats>? previous, DateTimeOffset now)
    {
        var findings = new List<string>();
        var stats = ColumnStats.Of(table);
        if (table.Rows.Count < rules.MinRows)
            findings.Add(Invariant($"The extract has {table.Rows.Count} rows; at least {rules.MinRows} are expected."));
        foreach (var (column, range) in rules.Ranges)
        {
            if (!table.Has(column)) { findings.Add($"The plausibility range names '{column}', which the extract does not have."); continue; }
            var c = table.IndexOf(column);
            var outside = 0;
            object? example = null;
            foreach (var row in table.Rows)
            {
                if (row[c] is not { } value) continue;
                var ok = ColumnShape.KindOf(value) == ColumnKind.Number && ColumnShape.Number(value) is var d
                    && (range.Min is null || d >= range.Min) && (range.Max is null || d <= range.Max);
                if (ok) continue;
                outside++;
                example ??= value;
            }
            if (outside > 0)
                findings.Add(Invariant($"{outside} value(s) of '{column}' are outside {range.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"}…{range.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"} (e.g. {ColumnShape.Text(example!)})."));
        }
        if (rules.Completeness is { } wanted && table.Rows.Count > 0)
        {
            var used = Enumerable.Range(0, table.Columns.Count).Where(c => table.Rows.Any(r => r[c] is not null)).ToArray();
            var complete = table.Rows.Count(r => used.All(c => r[c] is not null));
            var share = (double)complete / table.Rows.Count;
            if (share < wanted) findings.Add(Invariant($"Only {share:P1} of the rows are complete; {wanted:P0} are required."));
        }
        if (rules.MaxAge is { } maxAge)
        {
            var newest = Newest(table);
            if (newest is null) findings.Add("The extract has no time stamps, so its freshness cannot be checked.");
            else if (now - newest > maxAge) findings.Add(Invariant($"The newest reading is from {ColumnShape.Instant(newest.Value)}, older than {maxAge}."));
        }
        if (rules.MaxShift is { } maxShift && previous is not null)
        {
            foreach (var (column, now1) in stats)
            {
                if (!previous.TryGetValue(column, out var before)) continue;
                var scale = Math.Max(Math.Abs(before.Mean), Math.Max((before.Max - before.Min) / 10, 1e-9));
                var shift = Math.Abs(now1.Mean - before.Mean) / scale;
                if (shift > maxShift)
                    findings.Add(Invariant($"The mean of '{column}' moved from {before.Mean:G6} to {now1.Mean:G6} ({shift:P0}) since the previous release; at most {maxShift:P0} is expected."));
            }
        }
        return new QualityVerdict(findings, stats);
    }

    private static DateTimeOffset? Newest(Table table)
    {
        DateTimeOffset? newest = null;
        foreach (var row in table.Rows)
            foreach (var value in row)
                if (value is DateTimeOffset at && (newest is null || at > newest)) newest = at;
        return newest;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
