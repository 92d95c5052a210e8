using Stadtkern.Ledger;

namespace Stadtkern.Catalog.Harvesting;

/// <summary>
/// The open catalog: every published dataset, ordered by id, for the DCAT-AP.de documents and the CKAN API. Each
/// change of the catalog (a definition created, changed or withdrawn, a release published) appends to the integrity
/// ledger, so the ledger's size tells whether a snapshot is still current; the store is read again only when it grew.
/// </summary>
public sealed class PublishedCatalog(ICatalogStore catalog, ILedgerStore ledger)
{
    private const int ReadPage = 1000;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>
    /// Datasets that had a held release, or a published one not yet in the ledger, when the snapshot was taken: approving
    /// a held release logs it before it is marked published, so their releases are read again on each call.
    /// </summary>
    private sealed record Snapshot(long LedgerSize, IReadOnlyList<PublishedDataset> Datasets, IReadOnlyList<string> Unsettled);

    public async Task<IReadOnlyList<PublishedDataset>> ListAsync(CancellationToken cancellation)
    {
        var snapshot = await CurrentAsync(cancellation);
        if (snapshot.Unsettled.Count == 0) return snapshot.Datasets;
        var datasets = snapshot.Datasets.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var id in snapshot.Unsettled)
        {
            if (await FindAsync(id, cancellation) is { } fresh) datasets[id] = fresh;
            else datasets.Remove(id);
        }
        return [.. datasets.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>One published dataset, read from the store, or null when the catalog does not show it.</summary>
    public async Task<PublishedDataset?> FindAsync(string id, CancellationToken cancellation) =>
        await catalog.GetDatasetAsync(id, cancellation) is { } record
            ? PublishedDataset.Of(record, await catalog.ListReleasesAsync(id, cancellation))
            : null;

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellation)
    {
        var size = await ledger.LedgerSizeAsync(cancellation);
        if (_snapshot is { } current && current.LedgerSize == size) return current;
        await _rebuild.WaitAsync(cancellation);
        try
        {
            // The size is read before the store: a change stored meanwhile is logged after it, so the next call reads again.
            size = await ledger.LedgerSizeAsync(cancellation);
            if (_snapshot is { } other && other.LedgerSize == size) return other;
            var rebuilt = await ReadAsync(size, cancellation);
            _snapshot = rebuilt;
            return rebuilt;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private async Task<Snapshot> ReadAsync(long size, CancellationToken cancellation)
    {
        var datasets = new List<PublishedDataset>();
        var unsettled = new List<string>();
        for (var offset = 0; ; offset += ReadPage)
        {
            var (page, total) = await catalog.ListDatasetsAsync(null, false, offset, ReadPage, cancellation);
            foreach (var record in page.Where(r => r.IsPublic && r.WithdrawnAt is null))
            {
                var releases = await catalog.ListReleasesAsync(record.Id, cancellation);
                if (releases.Any(PublishedDataset.IsUnsettled)) unsettled.Add(record.Id);
                if (PublishedDataset.Of(record, releases) is { } published) datasets.Add(published);
            }
            if (page.Count == 0 || offset + page.Count >= total) break;
        }
        datasets.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new Snapshot(size, datasets, unsettled);
    }
}
