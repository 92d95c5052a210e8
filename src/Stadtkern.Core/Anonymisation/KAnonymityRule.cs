using System.Globalization;
using System.Text.Json.Nodes;

namespace Stadtkern.Anonymisation;

/// <summary>
/// k-anonymity over declared quasi-identifiers: every combination of their values in the output is shared by at least k
/// rows. The rule generalises one quasi-identifier at a time up its ladder (points: the 100 m, 1 km, 10 km, 100 km grid;
/// instants: hour, day, month, year; numbers: bands of 5, 10, 50, 100, 500, 1000; text: kept, then hidden),
/// always the one with the most distinct values, until the rows in groups smaller than k are at most the allowed share;
/// those rows are then suppressed. When even the coarsest levels need more suppression, the release is refused.
/// </summary>
public sealed class KAnonymityRule(int k, IReadOnlyList<string> quasiIdentifiers, double maxSuppression) : AnonymisationRule
{
    private static readonly int[] Grid = [100, 1000, 10_000, 100_000];
    private static readonly TimeUnit[] Times = [TimeUnit.Hour, TimeUnit.Day, TimeUnit.Month, TimeUnit.Year];
    private static readonly double[] Bands = [5, 10, 50, 100, 500, 1000];

    /// <summary>A text quasi-identifier at its top level.</summary>
    public const string Hidden = "(hidden)";

    public override string Name => "kAnonymity";

    public override Table Apply(Table input, AnonymisationContext context, PrivacyReport report)
    {
        var indexes = quasiIdentifiers.Select(input.IndexOf).ToArray();
        var levels = new int[indexes.Length];
        var allowed = (int)Math.Floor(maxSuppression * input.Rows.Count);
        while (true)
        {
            var keys = Keys(input.Rows, indexes, levels);
            var sizes = keys.GroupBy(key => key).ToDictionary(g => g.Key, g => g.Count());
            var small = keys.Count(key => sizes[key] < k);
            if (small <= allowed)
            {
                var described = quasiIdentifiers.Select((q, i) => KeyValuePair.Create(q, (JsonNode?)Describe(input.Rows, indexes[i], levels[i]))).ToList();
                var output = new Table(input.Columns, new List<object?[]>(input.Rows.Count - small));
                for (var i = 0; i < input.Rows.Count; i++)
                {
                    if (sizes[keys[i]] < k) continue;
                    var row = input.Rows[i];
                    for (var q = 0; q < indexes.Length; q++) row[indexes[q]] = Generalise(row[indexes[q]], levels[q]);
                    output.Rows.Add(row);
                }
                Verify(output, indexes);
                var reached = output.Rows.Count == 0 ? 0 : sizes.Where(s => s.Value >= k).Min(s => s.Value);
                report.KReached = report.KReached is { } earlier ? Math.Min(earlier, reached) : reached;
                report.RowsSuppressed += small;
                report.Step(Name, new JsonObject
                {
                    ["k"] = k,
                    ["kReached"] = reached,
                    ["rowsSuppressed"] = small,
                    ["levels"] = new JsonObject(described),
                });
                return output;
            }
            var next = Enumerable.Range(0, indexes.Length)
                .Where(q => levels[q] < MaxLevel(input.Rows, indexes[q]))
                .OrderByDescending(q => input.Rows.Select(r => Generalise(r[indexes[q]], levels[q])).Distinct().Count())
                .Cast<int?>().FirstOrDefault();
            if (next is not { } chosen)
                throw new AnonymisationException(
                    $"k = {k} over {string.Join(", ", quasiIdentifiers)} would suppress {small} of {input.Rows.Count} rows even at the coarsest levels; at most {allowed} are allowed.");
            levels[chosen]++;
        }
    }

    /// <summary>The output check: every group of equal quasi-identifiers holds at least k rows.</summary>
    private void Verify(Table output, int[] indexes)
    {
        // The output's values are generalised already, so level 0 (as they are) groups them.
        var smallest = Keys(output.Rows, indexes, new int[indexes.Length]).GroupBy(key => key).Select(g => g.Count()).DefaultIfEmpty(k).Min();
        if (smallest < k) throw new AnonymisationException($"The output has a group of {smallest} rows; the profile requires k = {k}.");
    }

    /// <summary>
    /// Each row's group key: every quasi-identifier's generalised value numbered by its text in order of appearance (so
    /// equal texts share a number, and each distinct value is formatted once), the numbers joined.
    /// </summary>
    private static List<string> Keys(List<object?[]> rows, int[] indexes, int[] levels)
    {
        var numbers = indexes.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var texts = indexes.Select(_ => new Dictionary<object, string>()).ToArray();
        var keys = new List<string>(rows.Count);
        var parts = new int[indexes.Length];
        foreach (var row in rows)
        {
            for (var q = 0; q < indexes.Length; q++)
            {
                var value = Generalise(row[indexes[q]], levels[q]);
                string text;
                if (value is null) text = "";
                else if (!texts[q].TryGetValue(value, out text!)) texts[q][value] = text = Text(value);
                if (!numbers[q].TryGetValue(text, out var number)) numbers[q][text] = number = numbers[q].Count;
                parts[q] = number;
            }
            keys.Add(string.Join(',', parts));
        }
        return keys;
    }

    private static string Text(object? value) => CellText.Of(value);

    private static int MaxLevel(List<object?[]> rows, int index) => rows.Select(r => r[index]).FirstOrDefault(v => v is not null) switch
    {
        GeoPoint => Grid.Length,
        DateTimeOffset => Times.Length,
        double or int or long or float or decimal => Bands.Length,
        null => 0,
        _ => 1,
    };

    /// <summary>A value at a level of its ladder (0: as it is).</summary>
    public static object? Generalise(object? value, int level)
    {
        if (level == 0 || value is null) return value;
        return value switch
        {
            GeoPoint p => Laea.Cell(p, Grid[level - 1]).Centre,
            DateTimeOffset at => GeneraliseTimeRule.Truncate(at, Times[level - 1]),
            double or int or long or float or decimal => Band(Convert.ToDouble(value, CultureInfo.InvariantCulture), Bands[level - 1]),
            _ => Hidden,
        };
    }

    private static string Band(double value, double width)
    {
        var low = Math.Floor(value / width) * width;
        return FormattableString.Invariant($"{low}–{low + width}");
    }

    private static string Describe(List<object?[]> rows, int index, int level) => level == 0 ? "as is" : rows.Select(r => r[index]).FirstOrDefault(v => v is not null) switch
    {
        GeoPoint => FormattableString.Invariant($"grid {Grid[level - 1]} m"),
        DateTimeOffset => Times[level - 1].ToString().ToLowerInvariant(),
        string => "hidden",
        _ => FormattableString.Invariant($"bands of {Bands[level - 1]}"),
    };
}
