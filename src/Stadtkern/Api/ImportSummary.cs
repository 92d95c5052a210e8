using System.Text.Json.Nodes;
using Stadtkern.Ingest.Import;

namespace Stadtkern.Host.Api;

/// <summary>The JSON summary of an import, as the import endpoint answers and the CLI prints it.</summary>
internal static class ImportSummary
{
    public static JsonObject ToJson(ImportResult result)
    {
        var summary = new JsonObject
        {
            ["importId"] = result.ImportId,
            ["rows"] = result.Rows,
            ["applied"] = result.Applied,
            ["rejected"] = result.Rejected,
            ["rejections"] = new JsonArray(result.Rejections.Select(r => (JsonNode)new JsonObject
            {
                ["line"] = r.Line,
                ["index"] = r.Index,
                ["entityId"] = r.EntityId,
                ["error"] = ProblemDocuments.Body(r.Error.Type, r.Error.Detail),
            }).ToArray()),
        };
        if (result.Stopped is { } stopped) summary["stopped"] = ProblemDocuments.Body(stopped.Type, stopped.Detail);
        return summary;
    }
}
