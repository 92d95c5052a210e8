using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;

namespace Stadtkern.Anonymisation;

/// <summary>
/// An anonymisation profile: rules applied in order, each checking its own guarantee on its output (docs/anonymisation.md).
/// Read from its JSON document; every mistake is a BadRequestData problem naming the rule and member.
/// </summary>
public sealed class AnonymisationProfile
{
    private AnonymisationProfile(string id, IReadOnlyList<AnonymisationRule> rules)
    {
        Id = id;
        Rules = rules;
    }

    public string Id { get; }

    public IReadOnlyList<AnonymisationRule> Rules { get; }

    /// <summary>Applies the rules in order to a copy of <paramref name="input"/>; refuses (AnonymisationException) when a rule's guarantee does not hold.</summary>
    public (Table Output, PrivacyReport Report) Apply(Table input, AnonymisationContext context)
    {
        var report = new PrivacyReport { RowsIn = input.Rows.Count };
        var table = new Table(input.Columns, [.. input.Rows.Select(r => (object?[])r.Clone())]);
        foreach (var rule in Rules) table = rule.Apply(table, context, report);
        report.RowsOut = table.Rows.Count;
        return (table, report);
    }

    public static AnonymisationProfile Read(JsonObject document)
    {
        var id = Text(document, "id", "profile") ?? throw NgsiLdException.BadData("An anonymisation profile needs an 'id'.");
        if (document["rules"] is not JsonArray rules || rules.Count == 0 || rules.Count > 20)
            throw NgsiLdException.BadData("An anonymisation profile needs 'rules': an array of 1 to 20 rule objects.");
        var read = new List<AnonymisationRule>();
        var aggregated = false;
        foreach (var node in rules)
        {
            if (node is not JsonObject rule) throw NgsiLdException.BadData("Each rule is an object.");
            var name = Text(rule, "rule", "rule") ?? throw NgsiLdException.BadData("Each rule needs a 'rule': drop, pseudonymise, coarsenLocation, generaliseTime, kAnonymity, aggregate or noise.");
            if (aggregated && name is not "noise") throw NgsiLdException.BadData($"'{name}' cannot follow 'aggregate': after it there are only counts (only 'noise' may follow).");
            read.Add(name switch
            {
                "drop" => new DropRule(Names(rule, "columns", name)),
                "pseudonymise" => new PseudonymiseRule(Names(rule, "columns", name)),
                "coarsenLocation" => new CoarsenLocationRule(Text(rule, "column", name) ?? "location", Grid(rule)),
                "generaliseTime" => new GeneraliseTimeRule(Text(rule, "column", name) ?? "observedAt", Unit(rule)),
                "kAnonymity" => new KAnonymityRule(Integer(rule, "k", name, 2, 1000) ?? 5, Names(rule, "quasiIdentifiers", name),
                    Number(rule, "maxSuppression", name, 0, 0.5) ?? 0.05),
                "aggregate" => new AggregateRule(Names(rule, "dimensions", name, max: 4), Integer(rule, "minCellSize", name, 1, 1000) ?? 3,
                    rule["totals"] is not { } t || (t.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                        ? t.GetValue<bool>() : throw NgsiLdException.BadData("'totals' of 'aggregate' must be true or false."))),
                "noise" => aggregated ? new NoiseRule(Number(rule, "epsilon", name, 0.01, 10) ?? throw NgsiLdException.BadData("'noise' needs 'epsilon' (0.01 to 10)."), AggregateRule.CountColumn)
                    : throw NgsiLdException.BadData("'noise' applies to counts: put it after 'aggregate'."),
                _ => throw NgsiLdException.BadData($"The rule '{name}' is not drop, pseudonymise, coarsenLocation, generaliseTime, kAnonymity, aggregate or noise."),
            });
            aggregated |= name == "aggregate";
        }
        return new AnonymisationProfile(id, read);
    }

    private static int Grid(JsonObject rule) => Text(rule, "grid", "coarsenLocation") switch
    {
        "100m" => 100,
        "1km" => 1000,
        "10km" => 10_000,
        _ => throw NgsiLdException.BadData("'grid' of 'coarsenLocation' must be 100m, 1km or 10km."),
    };

    private static TimeUnit Unit(JsonObject rule) => Text(rule, "to", "generaliseTime") switch
    {
        "hour" => TimeUnit.Hour,
        "day" => TimeUnit.Day,
        "month" => TimeUnit.Month,
        "year" => TimeUnit.Year,
        _ => throw NgsiLdException.BadData("'to' of 'generaliseTime' must be hour, day, month or year."),
    };

    private static string? Text(JsonObject o, string member, string rule) => o[member] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length is > 0 and <= 200 => v.GetValue<string>(),
        _ => throw NgsiLdException.BadData($"'{member}' of '{rule}' must be a non-empty string."),
    };

    private static List<string> Names(JsonObject o, string member, string rule, int max = 50) =>
        o[member] is JsonArray a && a.Count is > 0 && a.Count <= max && a.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0)
            ? [.. a.Select(n => n!.GetValue<string>())]
            : throw NgsiLdException.BadData($"'{member}' of '{rule}' must be an array of 1 to {max} column names.");

    private static int? Integer(JsonObject o, string member, string rule, int min, int max) => o[member] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) && n >= min && n <= max => n,
        _ => throw NgsiLdException.BadData($"'{member}' of '{rule}' must be a whole number from {min} to {max}."),
    };

    private static double? Number(JsonObject o, string member, string rule, double min, double max) => o[member] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is var d && d >= min && d <= max => d,
        _ => throw NgsiLdException.BadData(FormattableString.Invariant($"'{member}' of '{rule}' must be a number from {min} to {max}.")),
    };
}
