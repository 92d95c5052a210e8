using System.Text.Json.Nodes;
using Stadtkern.Catalog;
using Stadtkern.Catalog.Distributions;

namespace Stadtkern.Host.Api;

/// <summary>How datasets and releases look over the API, and where their files are downloaded (one place, used by the catalog formats too).</summary>
internal static class ReleaseDocuments
{
    public const string Path = "/stadtkern/v1/datasets";

    public static string DatasetUrl(string baseUrl, string id) => $"{baseUrl}{Path}/{id}";

    public static string ReleaseUrl(string baseUrl, string id, int number) => $"{DatasetUrl(baseUrl, id)}/releases/{number}";

    public static string FileUrl(string baseUrl, Release release, DistributionInfo file) =>
        $"{ReleaseUrl(baseUrl, release.DatasetId, release.Number)}/files/{Uri.EscapeDataString(file.FileName)}";

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static JsonObject Dataset(DatasetRecord record, Release? latest) => new()
    {
        ["dataset"] = record.Document.DeepClone(),
        ["version"] = record.Version,
        ["createdAt"] = ColumnShape.Instant(record.CreatedAt),
        ["modifiedAt"] = ColumnShape.Instant(record.ModifiedAt),
        ["withdrawnAt"] = record.WithdrawnAt is { } w ? ColumnShape.Instant(w) : null,
        ["latestRelease"] = latest?.Number,
    };

    /// <summary>A release; <paramref name="internalView"/> adds the quality findings and the raw extract's statistics (for reviewers only).</summary>
    public static JsonObject Release(string baseUrl, Release release, bool internalView)
    {
        var json = new JsonObject
        {
            ["dataset"] = release.DatasetId,
            ["release"] = release.Number,
            ["status"] = ReleaseCodec.Status(release.Status),
            ["createdAt"] = ColumnShape.Instant(release.CreatedAt),
            ["publishedAt"] = release.PublishedAt is { } p ? ColumnShape.Instant(p) : null,
            ["rows"] = release.Rows,
            ["heldReason"] = release.HeldReason,
            ["ledgerIndex"] = release.LedgerIndex,
            ["manifest"] = ReleaseManifest.Read(release.Manifest),
            ["distributions"] = new JsonArray([.. release.Distributions.Select(d => (JsonNode)new JsonObject
            {
                ["format"] = d.Format,
                ["mediaType"] = d.MediaType,
                ["fileName"] = d.FileName,
                ["bytes"] = d.Bytes,
                ["sha256"] = d.Sha256,
                ["url"] = FileUrl(baseUrl, release, d),
            })]),
            ["privacyReport"] = release.Report["privacy"]?.DeepClone(),
            ["summary"] = release.Report["summary"]?.DeepClone(),
        };
        if (release.LedgerIndex is { } index) json["inclusionProof"] = $"{baseUrl}/stadtkern/v1/ledger/proofs/inclusion?index={index}";
        if (internalView)
        {
            json["quality"] = release.Report["quality"]?.DeepClone();
            json["extractStats"] = release.Report["stats"]?.DeepClone();
            json["run"] = release.Report["run"]?.DeepClone();
        }
        return json;
    }
}
