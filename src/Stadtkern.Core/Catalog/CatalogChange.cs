using System.Security.Cryptography;
using System.Text.Json;
using Stadtkern.Catalog.Distributions;

namespace Stadtkern.Catalog;

/// <summary>The ledger entry of a catalog change: which dataset, what happened, its definition's version and hash.</summary>
public static class CatalogChange
{
    public const string LedgerKind = "catalog";

    public static byte[] Write(string datasetId, string change, int version, DateTimeOffset at, byte[] definition)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("dataset", datasetId);
            json.WriteString("change", change);
            json.WriteNumber("version", version);
            json.WriteString("at", ColumnShape.Instant(at));
            json.WriteString("definitionSha256", Convert.ToHexStringLower(SHA256.HashData(definition)));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
