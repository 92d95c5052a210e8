using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Stadtkern.Errors;

namespace Stadtkern.Ingest.Import;

/// <summary>NGSI-LD entities as they are (normalized or concise): a JSON array of them, or one per line (NDJSON).</summary>
internal static class NgsiLdRows
{
    public static async IAsyncEnumerable<ImportRow> ReadAsync(Stream file, [EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var item in new JsonItems(file, member: null).ReadAsync(cancellation))
        {
            yield return item.Node is JsonObject entity
                ? new ImportRow(item.Line, item.Index, entity, null)
                : new ImportRow(item.Line, item.Index, null, NgsiLdException.BadData("The element is not a JSON object (an entity)."));
        }
    }
}
