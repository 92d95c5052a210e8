using System.Text.Json.Nodes;

namespace Stadtkern.Anonymisation;

/// <summary>
/// What anonymisation did to a release, rule by rule, and what it guarantees: the k reached, the cells and rows
/// suppressed, the privacy budget spent. Published with every release.
/// </summary>
public sealed class PrivacyReport
{
    private readonly JsonArray _steps = [];

    public int RowsIn { get; set; }

    public int RowsOut { get; set; }

    /// <summary>The smallest group of equal quasi-identifiers in the output, when a k-anonymity rule ran.</summary>
    public int? KReached { get; set; }

    public int RowsSuppressed { get; set; }

    public int CellsSuppressedPrimary { get; set; }

    public int CellsSuppressedSecondary { get; set; }

    public double EpsilonSpent { get; set; }

    public void Step(string rule, JsonObject details)
    {
        details["rule"] = rule;
        _steps.Add(details);
    }

    public JsonObject ToJson() => new()
    {
        ["rowsIn"] = RowsIn,
        ["rowsOut"] = RowsOut,
        ["kReached"] = KReached,
        ["rowsSuppressed"] = RowsSuppressed,
        ["cellsSuppressed"] = new JsonObject { ["primary"] = CellsSuppressedPrimary, ["secondary"] = CellsSuppressedSecondary },
        ["epsilonSpent"] = EpsilonSpent,
        ["steps"] = _steps.DeepClone(),
    };
}
