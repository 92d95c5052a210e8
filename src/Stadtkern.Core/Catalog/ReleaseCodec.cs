using System.Data.Common;
using System.Text.Json.Nodes;

namespace Stadtkern.Catalog;

/// <summary>How both backends keep a release's status and distribution list in their columns.</summary>
public static class ReleaseCodec
{
    public static string Status(ReleaseStatus status) => status switch
    {
        ReleaseStatus.Published => "published",
        ReleaseStatus.Held => "held",
        _ => "rejected",
    };

    public static ReleaseStatus Status(string text) => text switch
    {
        "published" => ReleaseStatus.Published,
        "held" => ReleaseStatus.Held,
        "rejected" => ReleaseStatus.Rejected,
        _ => throw new InvalidOperationException($"Unknown release status '{text}' in the store."),
    };

    /// <summary>The columns a release is read from, in the order <see cref="Read"/> expects (the backends cast the JSON columns to text).</summary>
    public const string Columns = "dataset_id, number, status, created_at, published_at, manifest, rows, distributions, held_reason, report, ledger_index";

    /// <summary>A release from a row of <see cref="Columns"/>; <paramref name="date"/> reads a nullable instant column the backend's way.</summary>
    public static Release Read(DbDataReader reader, Func<int, DateTimeOffset?> date) =>
        new(reader.GetString(0), reader.GetInt32(1), Status(reader.GetString(2)), date(3) ?? default, reader.GetFieldValue<byte[]>(5))
        {
            PublishedAt = date(4),
            Rows = reader.GetInt64(6),
            Distributions = Distributions(reader.GetString(7)),
            HeldReason = reader.IsDBNull(8) ? null : reader.GetString(8),
            Report = JsonNode.Parse(reader.GetString(9))!.AsObject(),
            LedgerIndex = reader.IsDBNull(10) ? null : reader.GetInt64(10),
        };

    public static string Distributions(IReadOnlyList<DistributionInfo> distributions) =>
        new JsonArray([.. distributions.Select(d => (JsonNode)new JsonObject
        {
            ["format"] = d.Format,
            ["mediaType"] = d.MediaType,
            ["fileName"] = d.FileName,
            ["bytes"] = d.Bytes,
            ["sha256"] = d.Sha256,
        })]).ToJsonString();

    public static IReadOnlyList<DistributionInfo> Distributions(string json) =>
        [.. JsonNode.Parse(json)!.AsArray().Select(n => new DistributionInfo(n!["format"]!.GetValue<string>(), n["mediaType"]!.GetValue<string>(),
            n["fileName"]!.GetValue<string>(), n["bytes"]!.GetValue<long>(), n["sha256"]!.GetValue<string>()))];
}
