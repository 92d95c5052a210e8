using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Stadtkern.Anonymisation;

/// <summary>Removes columns.</summary>
public sealed class DropRule(IReadOnlyList<string> columns) : AnonymisationRule
{
    public override string Name => "drop";

    public override Table Apply(Table input, AnonymisationContext context, PrivacyReport report)
    {
        foreach (var column in columns) input.IndexOf(column);
        var keep = Enumerable.Range(0, input.Columns.Count).Where(i => !columns.Contains(input.Columns[i])).ToArray();
        var output = new Table([.. keep.Select(i => input.Columns[i])], [.. input.Rows.Select(r => keep.Select(i => r[i]).ToArray())]);
        report.Step(Name, new JsonObject { ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode)c)]) });
        return output;
    }
}

/// <summary>
/// Replaces identifiers with keyed pseudonyms: HMAC-SHA256 under the tenant's secret, never a plain hash (a plain hash of
/// a licence plate or a meter number is reversed by hashing every possible value). Equal values get equal pseudonyms
/// within one key version, so records stay linkable inside a release series until the key is rotated.
/// </summary>
public sealed class PseudonymiseRule(IReadOnlyList<string> columns) : AnonymisationRule
{
    public override string Name => "pseudonymise";

    public override Table Apply(Table input, AnonymisationContext context, PrivacyReport report)
    {
        var key = context.PseudonymKey ?? throw new AnonymisationException("Pseudonymising needs the tenant's pseudonym key, and there is none.");
        var indexes = columns.Select(input.IndexOf).ToArray();
        using var hmac = new HMACSHA256(key.Secret);
        // Original → pseudonym: an identifier that recurs (a card on many trips) is hashed once.
        var pseudonyms = indexes.Select(_ => new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
        foreach (var row in input.Rows)
            for (var c = 0; c < indexes.Length; c++)
                if (row[indexes[c]] is { } value)
                {
                    var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
                    if (!pseudonyms[c].TryGetValue(text, out var pseudonym))
                        pseudonyms[c][text] = pseudonym = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes(text)), 0, 16);
                    row[indexes[c]] = pseudonym;
                }
        for (var c = 0; c < indexes.Length; c++)
            if (pseudonyms[c].Values.Any(pseudonyms[c].ContainsKey))
                throw new AnonymisationException($"A pseudonym in '{columns[c]}' equals an original value.");
        report.Step(Name, new JsonObject { ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode)c)]), ["keyVersion"] = key.Version });
        return input;
    }
}

/// <summary>Moves each point to the centre of its cell in the ETRS89-LAEA grid (100 m, 1 km, ...), and adds the cell's INSPIRE id as <c>{column}Cell</c>.</summary>
public sealed class CoarsenLocationRule(string column, int cellSize) : AnonymisationRule
{
    public override string Name => "coarsenLocation";

    public override Table Apply(Table input, AnonymisationContext context, PrivacyReport report)
    {
        var index = input.IndexOf(column);
        var output = new Table([.. input.Columns, column + "Cell"], new List<object?[]>(input.Rows.Count));
        foreach (var row in input.Rows)
        {
            var extended = new object?[row.Length + 1];
            row.CopyTo(extended, 0);
            if (row[index] is GeoPoint point)
            {
                var (id, centre) = Laea.Cell(point, cellSize);
                extended[index] = centre;
                extended[^1] = id;
            }
            else if (row[index] is not null)
            {
                throw new AnonymisationException($"'{column}' holds {row[index]!.GetType().Name} values, not points.");
            }
            output.Rows.Add(extended);
        }
        report.Step(Name, new JsonObject { ["column"] = column, ["cellSize"] = cellSize });
        return output;
    }
}

/// <summary>The units to which instants are generalised.</summary>
public enum TimeUnit
{
    Hour,
    Day,
    Month,
    Year,
}

/// <summary>Truncates instants (UTC) to the hour, day, month or year.</summary>
public sealed class GeneraliseTimeRule(string column, TimeUnit unit) : AnonymisationRule
{
    public override string Name => "generaliseTime";

    public static DateTimeOffset Truncate(DateTimeOffset at, TimeUnit unit)
    {
        var u = at.UtcDateTime;
        return unit switch
        {
            TimeUnit.Hour => new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero),
            TimeUnit.Day => new DateTimeOffset(u.Year, u.Month, u.Day, 0, 0, 0, TimeSpan.Zero),
            TimeUnit.Month => new DateTimeOffset(u.Year, u.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => new DateTimeOffset(u.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
    }

    public override Table Apply(Table input, AnonymisationContext context, PrivacyReport report)
    {
        var index = input.IndexOf(column);
        foreach (var row in input.Rows)
            row[index] = row[index] switch
            {
                null => null,
                DateTimeOffset at => Truncate(at, unit),
                var other => throw new AnonymisationException($"'{column}' holds {other.GetType().Name} values, not instants."),
            };
        report.Step(Name, new JsonObject { ["column"] = column, ["to"] = unit.ToString().ToLowerInvariant() });
        return input;
    }
}
