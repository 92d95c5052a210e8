using System.Text.Json.Nodes;
using Stadtkern.Anonymisation;
using Stadtkern.Catalog.Distributions;

namespace Stadtkern.Catalog;

/// <summary>What changed since the previous published release: rows, columns, which files differ, and how the numeric columns' means moved.</summary>
public static class ReleaseSummary
{
    public static JsonObject Between(Release? previous, Table output, ColumnShape shape, IReadOnlyList<DistributionInfo> distributions)
    {
        var columns = shape.Names.ToList();
        var summary = new JsonObject
        {
            ["previousRelease"] = previous?.Number,
            ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode)c)]),
            ["rows"] = new JsonObject { ["before"] = previous?.Rows, ["after"] = output.Rows.Count, ["change"] = previous is null ? null : output.Rows.Count - previous.Rows },
        };
        if (previous is null)
        {
            summary["note"] = "The first release.";
            return summary;
        }
        var before = previous.Report["summary"]?["columns"] is JsonArray b ? b.Select(c => c!.GetValue<string>()).ToList() : [];
        summary["columnsAdded"] = new JsonArray([.. columns.Except(before).Select(c => (JsonNode)c)]);
        summary["columnsRemoved"] = new JsonArray([.. before.Except(columns).Select(c => (JsonNode)c)]);
        summary["unchangedFiles"] = new JsonArray([.. distributions
            .Where(d => previous.Distributions.Any(p => p.Format == d.Format && p.Sha256 == d.Sha256)).Select(d => (JsonNode)d.Format)]);
        var means = new JsonObject();
        var statsBefore = previous.Report["stats"] as JsonObject;
        foreach (var (column, stats) in ColumnStats.Of(output))
            if (ColumnStats.From(statsBefore?[column]) is { } old) means[column] = new JsonObject { ["before"] = old.Mean, ["after"] = stats.Mean };
        summary["means"] = means;
        return summary;
    }
}
