using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest.Import;

/// <summary>Sends a file to POST /stadtkern/v1/ingest/import with a mapping, as a client of the real host would.</summary>
internal static class ImportClient
{
    public const string Path = "stadtkern/v1/ingest/import";

    public static Task<Reply> ImportAsync(this NgsiClient client, string format, string mapping, string file, string contentType = "text/plain") =>
        client.SendAsync(HttpMethod.Post, $"{Path}?format={format}&mapping={Uri.EscapeDataString(mapping)}", file, contentType);

    /// <summary>The rejections of a summary as (line, index, error type name).</summary>
    public static List<(long Line, long Index, string Type)> Rejections(JsonObject summary) =>
        summary["rejections"]!.AsArray()
            .Select(r => (r!["line"]!.GetValue<long>(), r["index"]!.GetValue<long>(), r["error"]!["type"]!.GetValue<string>().Split('/')[^1]))
            .ToList();
}
