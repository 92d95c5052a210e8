using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;

namespace Stadtkern.Ingest.Import;

/// <summary>The features of a GeoJSON FeatureCollection: each feature an entity, its geometry the <c>location</c>, its properties attributes.</summary>
internal static class GeoJsonRows
{
    public static async IAsyncEnumerable<ImportRow> ReadAsync(Stream file, ImportMapping mapping, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var mapper = new RowMapper(mapping);
        await foreach (var item in new JsonItems(file, "features").ReadAsync(cancellation))
        {
            ImportRow row;
            try
            {
                row = new ImportRow(item.Line, item.Index, Entity(item.Node, mapper), null);
            }
            catch (NgsiLdException e)
            {
                row = new ImportRow(item.Line, item.Index, null, e);
            }
            yield return row;
        }
    }

    private static JsonObject Entity(JsonNode? node, RowMapper mapper)
    {
        if (node is not JsonObject feature || feature["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != "Feature")
            throw NgsiLdException.BadData("The element is not a GeoJSON Feature.");
        var properties = feature["properties"] switch
        {
            null => new JsonObject(),
            JsonObject o => o,
            _ => throw NgsiLdException.BadData("The feature's properties are not an object."),
        };
        var geometry = feature["geometry"] switch
        {
            null => null,
            JsonObject g => g,
            _ => throw NgsiLdException.BadData("The feature's geometry is not an object."),
        };
        return mapper.Map(properties.Select(p => p.Key).ToList(), name => properties[name], fromText: false, feature["id"], geometry);
    }
}
