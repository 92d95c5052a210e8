using System.Text.Json;
using Stadtkern.Ledger;

namespace Stadtkern.Catalog.Harvesting;

/// <summary>
/// The open catalog: every published dataset, ordered by id, for the DCAT-AP.de documents and the CKAN API. Each
/// change of the catalog (a definition created, changed or withdrawn, a release published) appends to the integrity
/// ledger, so the ledger's size tells whether a snapshot is still current, and the entries added since name the
/// datasets to read again; the whole store is read only at the first call or after a long gap.
/// </summary>
public sealed class PublishedCatalog(ICatalogStore catalog, ILedgerStore ledger)
{
    private const int ReadPage = 1000;

    /// <summary>Beyond this many new ledger entries, reading the whole catalog again is cheaper than following them.</summary>
    private const int MaxFollowedEntries = 500;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>
    /// The catalog at a ledger size. <see cref="Unsettled"/> are datasets that had a held release, or a published one not
    /// yet in the ledger: approving a held release logs it before it is marked published, so they are read on each call.
    /// </summary>
    private sealed record Snapshot(long LedgerSize, IReadOnlyList<PublishedDataset> Datasets, IReadOnlySet<string> Unsettled);

    public async Task<IReadOnlyList<PublishedDataset>> ListAsync(CancellationToken cancellation)
    {
        var snapshot = await CurrentAsync(cancellation);
        if (snapshot.Unsettled.Count == 0) return snapshot.Datasets;
        var datasets = snapshot.Datasets.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var id in snapshot.Unsettled) await ReadAsync(id, datasets, null, cancellation);
        return Sorted(datasets);
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
        await _refresh.WaitAsync(cancellation);
        try
        {
            // The size is read before the store: a change stored meanwhile is logged after it, so a later call reads it again.
            size = await ledger.LedgerSizeAsync(cancellation);
            var previous = _snapshot;
            if (previous is not null && previous.LedgerSize == size) return previous;
            var changed = previous is null || size - previous.LedgerSize > MaxFollowedEntries ? null : await ChangedSinceAsync(previous.LedgerSize, size, cancellation);
            var next = changed is null ? await ReadAllAsync(size, cancellation) : await UpdateAsync(previous!, size, changed, cancellation);
            _snapshot = next;
            return next;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The datasets the ledger entries [from, to) are about, or null when one of them cannot be read as expected.</summary>
    private async Task<HashSet<string>?> ChangedSinceAsync(long from, long to, CancellationToken cancellation)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var index = from; index < to; index++)
        {
            if (await ledger.LedgerEntryAsync(index, cancellation) is not { } entry) return null;
            if (entry.Kind is not (CatalogChange.LedgerKind or ReleaseManifest.LedgerKind)) continue;
            try
            {
                using var body = JsonDocument.Parse(entry.Body);
                if (body.RootElement.TryGetProperty("dataset", out var id) && id.ValueKind == JsonValueKind.String) ids.Add(id.GetString()!);
                else return null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return ids;
    }

    private async Task<Snapshot> UpdateAsync(Snapshot previous, long size, HashSet<string> changed, CancellationToken cancellation)
    {
        var datasets = previous.Datasets.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var unsettled = new HashSet<string>(previous.Unsettled, StringComparer.Ordinal);
        foreach (var id in changed) await ReadAsync(id, datasets, unsettled, cancellation);
        return new Snapshot(size, Sorted(datasets), unsettled);
    }

    private async Task<Snapshot> ReadAllAsync(long size, CancellationToken cancellation)
    {
        var datasets = new Dictionary<string, PublishedDataset>(StringComparer.Ordinal);
        var unsettled = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += ReadPage)
        {
            var (page, total) = await catalog.ListDatasetsAsync(null, false, offset, ReadPage, cancellation);
            foreach (var record in page.Where(r => r.IsPublic && r.WithdrawnAt is null))
                Place(record.Id, record, await catalog.ListReleasesAsync(record.Id, cancellation), datasets, unsettled);
            if (page.Count == 0 || offset + page.Count >= total) break;
        }
        return new Snapshot(size, Sorted(datasets), unsettled);
    }

    /// <summary>Reads one dataset again and puts it in (or takes it out of) <paramref name="datasets"/>.</summary>
    private async Task ReadAsync(string id, Dictionary<string, PublishedDataset> datasets, HashSet<string>? unsettled, CancellationToken cancellation)
    {
        var record = await catalog.GetDatasetAsync(id, cancellation);
        var releases = record is null ? [] : await catalog.ListReleasesAsync(id, cancellation);
        Place(id, record, releases, datasets, unsettled);
    }

    private static void Place(string id, DatasetRecord? record, IReadOnlyList<Release> releases, Dictionary<string, PublishedDataset> datasets,
        HashSet<string>? unsettled)
    {
        if (record is not null && PublishedDataset.Of(record, releases) is { } published) datasets[id] = published;
        else datasets.Remove(id);
        if (unsettled is null) return;
        if (record is not null && record.IsPublic && record.WithdrawnAt is null && releases.Any(PublishedDataset.IsUnsettled)) unsettled.Add(id);
        else unsettled.Remove(id);
    }

    private static List<PublishedDataset> Sorted(Dictionary<string, PublishedDataset> datasets) =>
        [.. datasets.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];
}
