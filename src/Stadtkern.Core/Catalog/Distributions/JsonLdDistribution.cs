using System.Text.Json;
using Stadtkern.Anonymisation;

namespace Stadtkern.Catalog.Distributions;

/// <summary>
/// NGSI-LD entities in JSON-LD (normalized, with the core @context): the row's <c>id</c> when it is an IRI, otherwise a
/// URN naming the dataset, release and row; the row's <c>type</c> or DatasetRow; points as GeoProperties, instants as
/// DateTime values, everything else as Properties. A consumer can upsert the file into any NGSI-LD broker.
/// </summary>
public static class JsonLdDistribution
{
    public const string CoreContext = JsonLd.ContextResolver.CoreContextUrl;

    public static byte[] Write(Table table, ColumnShape shape, string datasetId, int release)
    {
        var idColumn = IndexOf(table, "id");
        var typeColumn = IndexOf(table, "type");
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var row = table.Rows[r];
                json.WriteStartObject();
                json.WriteString("id", idColumn >= 0 && row[idColumn] is string id && Uri.TryCreate(id, UriKind.Absolute, out _)
                    ? id : $"urn:ngsi-ld:DatasetRow:{datasetId}:{release}:{r + 1}");
                json.WriteString("type", typeColumn >= 0 && row[typeColumn] is string type && type.Length > 0 ? type : "DatasetRow");
                for (var c = 0; c < row.Length; c++)
                {
                    if (c == idColumn || c == typeColumn || row[c] is not { } value) continue;
                    json.WriteStartObject(shape.Names[c]);
                    switch (value)
                    {
                        case GeoPoint:
                            json.WriteString("type", "GeoProperty");
                            json.WritePropertyName("value");
                            JsonValues.Write(json, value);
                            break;
                        case DateTimeOffset at:
                            json.WriteString("type", "Property");
                            json.WriteStartObject("value");
                            json.WriteString("@type", "DateTime");
                            json.WriteString("@value", ColumnShape.Instant(at));
                            json.WriteEndObject();
                            break;
                        default:
                            json.WriteString("type", "Property");
                            json.WritePropertyName("value");
                            JsonValues.Write(json, value);
                            break;
                    }
                    json.WriteEndObject();
                }
                json.WriteString("@context", CoreContext);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static int IndexOf(Table table, string column)
    {
        for (var i = 0; i < table.Columns.Count; i++)
            if (table.Columns[i] == column) return i;
        return -1;
    }
}
