using System.Security.Cryptography;
using Stadtkern.Catalog;
using Stadtkern.Store;

namespace Stadtkern.Host.Migration;

/// <summary>
/// The open-data catalog: every dataset definition (withdrawn ones too) with its uploaded source, its releases and
/// their files, byte for byte, so that every published checksum and ledger entry still matches the copy.
/// </summary>
internal sealed class CatalogKind : StoreKind
{
    private static readonly string[] Formats = [.. PublicationPipeline.Formats.Select(f => f.Format)];

    public override string Name => "catalog";

    public override async Task CopyAsync(IEntityStore from, IEntityStore to, Action<long> copied, CancellationToken cancellation)
    {
        var (source, target) = (As<ICatalogStore>(from), As<ICatalogStore>(to));
        long done = 0;
        foreach (var dataset in await DatasetsAsync(source, cancellation))
        {
            if (!await target.SaveDatasetAsync(dataset, 0, cancellation))
                throw new InvalidOperationException($"The target already has a dataset '{dataset.Id}'.");
            if (await source.GetSourceFileAsync(dataset.Id, cancellation) is { } file) await target.SaveSourceFileAsync(dataset.Id, file, cancellation);
            foreach (var release in (await source.ListReleasesAsync(dataset.Id, cancellation)).Reverse())
            {
                var files = new List<(string, byte[])>();
                foreach (var format in Formats)
                    if (await source.ReadDistributionAsync(dataset.Id, release.Number, format, cancellation) is { } body) files.Add((format, body));
                if (!await target.AddReleaseAsync(release, files, cancellation))
                    throw new InvalidOperationException($"The target already has release {release.Number} of '{dataset.Id}'.");
            }
            copied(++done);
        }
    }

    public override async Task<(long Count, string Sha256)> FingerprintAsync(IEntityStore store, CancellationToken cancellation)
    {
        var catalog = As<ICatalogStore>(store);
        var fingerprint = new ContentFingerprint();
        foreach (var d in await DatasetsAsync(catalog, cancellation))
        {
            fingerprint.Add(d.Id, d.Document, d.Version, d.CreatedAt, d.ModifiedAt, d.WithdrawnAt);
            if (await catalog.GetSourceFileAsync(d.Id, cancellation) is { } file) fingerprint.Add(d.Id, file.MediaType, SHA256.HashData(file.Body), file.UploadedAt);
            foreach (var r in await catalog.ListReleasesAsync(d.Id, cancellation))
            {
                fingerprint.Add(d.Id, r.Number, ReleaseCodec.Status(r.Status), r.CreatedAt, r.PublishedAt, r.Manifest, r.Rows, ReleaseCodec.Distributions(r.Distributions),
                    r.HeldReason, r.Report, r.LedgerIndex);
                foreach (var format in Formats)
                    if (await catalog.ReadDistributionAsync(d.Id, r.Number, format, cancellation) is { } body) fingerprint.Add(d.Id, r.Number, format, SHA256.HashData(body));
            }
        }
        return fingerprint.Result();
    }

    private static async Task<List<DatasetRecord>> DatasetsAsync(ICatalogStore store, CancellationToken cancellation)
    {
        var all = new List<DatasetRecord>();
        for (var offset = 0; ; offset += 500)
        {
            var (page, _) = await store.ListDatasetsAsync(null, includeWithdrawn: true, offset, 500, cancellation);
            all.AddRange(page);
            if (page.Count < 500) return all;
        }
    }
}
