using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Catalog.Distributions;

namespace Stadtkern.Catalog;

/// <summary>
/// The manifest of a release: the bytes logged in the integrity ledger. It names the dataset, the release number and
/// time, the licence, each distribution's size and SHA-256, the hash of the privacy report, and the previous release's
/// manifest hash, so that the releases of a dataset form a chain. Written with a fixed member order, compact UTF-8.
/// </summary>
public static class ReleaseManifest
{
    public const string LedgerKind = "release";

    public static byte[] Write(string datasetId, int number, DateTimeOffset createdAt, string licence, long rows, IReadOnlyList<DistributionInfo> distributions,
        byte[] privacyReportHash, Release? previous)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("dataset", datasetId);
            json.WriteNumber("release", number);
            json.WriteString("createdAt", ColumnShape.Instant(createdAt));
            json.WriteString("licence", "http://dcat-ap.de/def/licenses/" + licence);
            json.WriteNumber("rows", rows);
            json.WriteStartArray("distributions");
            foreach (var d in distributions)
            {
                json.WriteStartObject();
                json.WriteString("format", d.Format);
                json.WriteString("mediaType", d.MediaType);
                json.WriteString("fileName", d.FileName);
                json.WriteNumber("bytes", d.Bytes);
                json.WriteString("sha256", d.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("privacyReportSha256", Convert.ToHexStringLower(privacyReportHash));
            if (previous is null) json.WriteNull("previous");
            else
            {
                json.WriteStartObject("previous");
                json.WriteNumber("release", previous.Number);
                json.WriteString("manifestSha256", Convert.ToHexStringLower(SHA256.HashData(previous.Manifest)));
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The manifest as JSON (for the API and for verifiers).</summary>
    public static JsonObject Read(byte[] manifest) => JsonNode.Parse(manifest)!.AsObject();

    /// <summary>The hash a release's privacy report is logged under: SHA-256 of its compact JSON.</summary>
    public static byte[] HashOf(JsonObject report) => SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(report));
}
