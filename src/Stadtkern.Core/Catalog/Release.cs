using System.Text.Json.Nodes;

namespace Stadtkern.Catalog;

/// <summary>
/// Where a release stands: published (in the catalog, its manifest in the ledger), held for review (failed the quality
/// gate, with the reason), or rejected by a reviewer. A held release becomes published only when approved.
/// </summary>
public enum ReleaseStatus { Published, Held, Rejected }

/// <summary>One file of a release.</summary>
public sealed record DistributionInfo(string Format, string MediaType, string FileName, long Bytes, string Sha256);

/// <summary>
/// A numbered release of a dataset: its manifest (the exact bytes logged in the ledger), the privacy report, the
/// quality gate's findings, the summary of what changed since the previous release, and the ledger index once logged.
/// </summary>
public sealed record Release(string DatasetId, int Number, ReleaseStatus Status, DateTimeOffset CreatedAt, byte[] Manifest)
{
    public IReadOnlyList<DistributionInfo> Distributions { get; init; } = [];

    public long Rows { get; init; }

    public string? HeldReason { get; init; }

    /// <summary>{ privacy, quality, summary, stats }: everything a reviewer and a consumer want to know about the release.</summary>
    public JsonObject Report { get; init; } = [];

    public long? LedgerIndex { get; init; }

    /// <summary>When the release was published (approval time for a release that was held first).</summary>
    public DateTimeOffset? PublishedAt { get; init; }
}

/// <summary>A stored dataset definition with its bookkeeping.</summary>
public sealed record DatasetRecord(string Id, JsonObject Document, int Version, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt)
{
    public DateTimeOffset? WithdrawnAt { get; init; }

    public bool IsPublic => Document["visibility"]?.GetValue<string>() is null or "public";
}

/// <summary>A file uploaded as a dataset's source.</summary>
public sealed record SourceFile(string MediaType, byte[] Body, DateTimeOffset UploadedAt);
