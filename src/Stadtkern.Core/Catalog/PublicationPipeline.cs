using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Stadtkern.Anonymisation;
using Stadtkern.Catalog.Distributions;
using Stadtkern.Errors;
using Stadtkern.Ledger;

namespace Stadtkern.Catalog;

/// <summary>
/// A publication run: extract → quality gate → anonymise → distributions (CSV, GeoJSON, Parquet, NGSI-LD JSON-LD) →
/// checksums → manifest → ledger → catalog. A release that fails the quality gate is stored as held, with the reason,
/// and is neither logged nor listed until a reviewer approves it. An output that does not meet its anonymisation
/// profile is refused: nothing is stored. Runs of one dataset take turns.
/// </summary>
public sealed class PublicationPipeline(ICatalogStore catalog, DatasetExtraction extraction, TransparencyLog ledger, PseudonymKeys keys, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    public static readonly IReadOnlyList<(string Format, string MediaType, string Extension)> Formats =
    [
        ("csv", "text/csv", "csv"),
        ("geojson", "application/geo+json", "geojson"),
        ("parquet", "application/vnd.apache.parquet", "parquet"),
        ("jsonld", "application/ld+json", "jsonld"),
    ];

    public async Task<Release> PublishAsync(DatasetRecord record, CancellationToken cancellation)
    {
        if (record.WithdrawnAt is not null) throw NgsiLdException.BadData($"The dataset '{record.Id}' is withdrawn.");
        var dataset = DatasetReader.Read(record.Document);
        var turn = _turns.GetOrAdd(dataset.Id, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellation);
        try
        {
            return await RunAsync(dataset, cancellation);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<Release> RunAsync(DatasetDefinition dataset, CancellationToken cancellation)
    {
        var releases = await catalog.ListReleasesAsync(dataset.Id, cancellation);
        var number = releases.Count == 0 ? 1 : releases.Max(r => r.Number) + 1;
        var previous = releases.FirstOrDefault(r => r.Status == ReleaseStatus.Published);
        var now = time.GetUtcNow();

        var stages = new RunStages(time);
        var extract = await extraction.ExtractAsync(dataset, cancellation);
        stages.Done("extract");
        var verdict = QualityGate.Check(dataset.Quality, extract, Stats(previous), now);
        stages.Done("qualityGate");
        var (output, privacy) = await AnonymiseAsync(dataset, extract, releases, cancellation);
        stages.Done("anonymise");

        var shape = ColumnShape.Of(output);
        stages.Done("shape");
        var files = new List<(string Format, byte[] Body)>();
        foreach (var (format, _, _) in Formats.Where(f => dataset.Formats.Contains(f.Format)))
        {
            files.Add((format, format switch
            {
                "csv" => CsvDistribution.Write(output, shape),
                "geojson" => GeoJsonDistribution.Write(output, shape),
                "parquet" => await ParquetDistribution.WriteAsync(output, shape, cancellation),
                _ => JsonLdDistribution.Write(output, shape, dataset.Id, number),
            }));
            stages.Done(format);
        }
        var distributions = files.Select(f =>
        {
            var (_, mediaType, extension) = Formats.First(x => x.Format == f.Format);
            return new DistributionInfo(f.Format, mediaType, $"{dataset.Id}-{number}.{extension}", f.Body.LongLength, Convert.ToHexStringLower(SHA256.HashData(f.Body)));
        }).ToList();
        var privacyJson = privacy.ToJson();
        var manifest = ReleaseManifest.Write(dataset.Id, number, now, dataset.Licence, output.Rows.Count, distributions, ReleaseManifest.HashOf(privacyJson), previous);
        var report = new JsonObject
        {
            ["privacy"] = privacyJson,
            ["quality"] = verdict.ToJson(),
            ["stats"] = new JsonObject(verdict.Stats.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value.ToJson()))),
            ["summary"] = ReleaseSummary.Between(previous, output, shape, distributions),
            ["run"] = stages.ToJson(),
        };
        var release = new Release(dataset.Id, number, verdict.Passed ? ReleaseStatus.Published : ReleaseStatus.Held, now, manifest)
        {
            Distributions = distributions,
            Rows = output.Rows.Count,
            HeldReason = verdict.Passed ? null : string.Join(" ", verdict.Findings),
            Report = report,
        };
        if (!await catalog.AddReleaseAsync(release, files, cancellation))
            throw new NgsiLdException(ErrorType.Conflict, $"Release {number} of '{dataset.Id}' was made by another run at the same time; try again.");
        stages.Done("store");
        var result = release.Status == ReleaseStatus.Published ? await LogAsync(release, ReleaseStatus.Published, now, cancellation) : release;
        stages.Done("ledger");
        // The stored report has the stages up to storing; the answer has all of them.
        result.Report["run"] = stages.ToJson();
        return result;
    }

    private async Task<(Table, PrivacyReport)> AnonymiseAsync(DatasetDefinition dataset, Table extract, IReadOnlyList<Release> releases, CancellationToken cancellation)
    {
        if (dataset.Profile is null)
        {
            var none = new PrivacyReport { RowsIn = extract.Rows.Count, RowsOut = extract.Rows.Count };
            none.Step("none", new JsonObject { ["note"] = "No anonymisation profile: the data is published as extracted." });
            return (extract, none);
        }
        var key = await keys.CurrentAsync(dataset.Source.Tenant, cancellation);
        var spent = releases.Where(r => r.Status == ReleaseStatus.Published).Sum(r => r.Report["privacy"]?["epsilonSpent"]?.GetValue<double>() ?? 0);
        var context = new AnonymisationContext(key, new Random(RandomNumberGenerator.GetInt32(int.MaxValue)),
            dataset.PrivacyBudget is { } budget ? Math.Max(0, budget - spent) : double.PositiveInfinity);
        try
        {
            return dataset.Profile.Apply(extract, context);
        }
        catch (AnonymisationException e)
        {
            throw new NgsiLdException(ErrorType.Conflict, $"The release of '{dataset.Id}' is refused: {e.Message}");
        }
    }

    /// <summary>A reviewer's decision on a held release: approved releases are logged and published, rejected ones stay unpublished.</summary>
    public async Task<Release> ReviewAsync(string datasetId, int number, bool approve, CancellationToken cancellation)
    {
        var release = await catalog.GetReleaseAsync(datasetId, number, cancellation) ?? throw NgsiLdException.NotFound($"'{datasetId}' has no release {number}.");
        if (release.Status != ReleaseStatus.Held)
            throw new NgsiLdException(ErrorType.Conflict, $"Release {number} of '{datasetId}' is {ReleaseCodec.Status(release.Status)}, not held for review.");
        var now = time.GetUtcNow();
        if (!approve)
        {
            if (!await catalog.UpdateReleaseAsync(datasetId, number, ReleaseStatus.Held, ReleaseStatus.Rejected, null, null, cancellation))
                throw new NgsiLdException(ErrorType.Conflict, $"Release {number} of '{datasetId}' was reviewed by someone else.");
            return release with { Status = ReleaseStatus.Rejected };
        }
        return await LogAsync(release, ReleaseStatus.Held, now, cancellation);
    }

    /// <summary>Logs releases stored as published whose ledger entry was not recorded (a crash in between); run at start-up.</summary>
    public async Task<int> RepairAsync(CancellationToken cancellation)
    {
        var unlogged = await catalog.UnloggedReleasesAsync(cancellation);
        foreach (var release in unlogged) await LogAsync(release, ReleaseStatus.Published, release.PublishedAt ?? release.CreatedAt, cancellation);
        return unlogged.Count;
    }

    private async Task<Release> LogAsync(Release release, ReleaseStatus from, DateTimeOffset publishedAt, CancellationToken cancellation)
    {
        // The same manifest is never logged twice: a repair after a crash finds the entry made before it.
        long index;
        try { index = await ledger.IndexOfAsync(MerkleHash.Leaf(release.Manifest), cancellation); }
        catch (NgsiLdException e) when (e.Type == ErrorType.ResourceNotFound)
        {
            index = (await ledger.AppendAsync([(ReleaseManifest.LedgerKind, release.Manifest)], publishedAt, cancellation))[0];
        }
        if (!await catalog.UpdateReleaseAsync(release.DatasetId, release.Number, from, ReleaseStatus.Published, index, publishedAt, cancellation))
            throw new NgsiLdException(ErrorType.Conflict, $"Release {release.Number} of '{release.DatasetId}' changed while it was being published.");
        return release with { Status = ReleaseStatus.Published, LedgerIndex = index, PublishedAt = publishedAt };
    }

    private static Dictionary<string, ColumnStats>? Stats(Release? previous) =>
        previous?.Report["stats"] is JsonObject stats
            ? stats.Select(s => (s.Key, Value: ColumnStats.From(s.Value))).Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!, StringComparer.Ordinal)
            : null;
}
