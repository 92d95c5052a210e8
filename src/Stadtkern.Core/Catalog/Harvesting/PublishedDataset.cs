namespace Stadtkern.Catalog.Harvesting;

/// <summary>
/// A dataset as the open catalog shows it: public, not withdrawn, with at least one published release that is in the
/// ledger. <see cref="Releases"/> are those releases, newest first; the newest one's files are the dataset's distributions.
/// </summary>
public sealed record PublishedDataset(DatasetRecord Record, DatasetDefinition Definition, IReadOnlyList<Release> Releases)
{
    public string Id => Record.Id;

    public Release Latest => Releases[0];

    /// <summary>When the dataset was first published: its oldest published release.</summary>
    public DateTimeOffset Issued => Releases[^1].PublishedAt ?? Releases[^1].CreatedAt;

    /// <summary>The later of the definition's last change and the latest publication: what a harvester compares.</summary>
    public DateTimeOffset Modified
    {
        get
        {
            var published = Latest.PublishedAt ?? Latest.CreatedAt;
            return published > Record.ModifiedAt ? published : Record.ModifiedAt;
        }
    }

    /// <summary>The open view of a stored dataset and its releases, or null when the catalog must not show it.</summary>
    public static PublishedDataset? Of(DatasetRecord record, IReadOnlyList<Release> releases)
    {
        if (!record.IsPublic || record.WithdrawnAt is not null) return null;
        // Reports stay in the store: the catalog needs only the files, and a snapshot of every dataset must stay small.
        var published = releases.Where(IsPublished).OrderByDescending(r => r.Number).Select(r => r with { Report = [] }).ToList();
        return published.Count == 0 || ReadDefinition(record) is not { } definition ? null : new PublishedDataset(record, definition, published);
    }

    /// <summary>
    /// The stored definition, or null when it no longer reads (stored under older rules): one such dataset leaves the
    /// catalog rather than making every page fail; the management API still shows it and its problem.
    /// </summary>
    private static DatasetDefinition? ReadDefinition(DatasetRecord record)
    {
        try
        {
            return DatasetReader.Read(record.Document);
        }
        catch (Errors.NgsiLdException)
        {
            return null;
        }
    }

    public static bool IsPublished(Release release) => release.Status == ReleaseStatus.Published && release.LedgerIndex is not null;

    /// <summary>A release whose state may still change into or out of the catalog without a further ledger entry.</summary>
    public static bool IsUnsettled(Release release) =>
        release.Status == ReleaseStatus.Held || release.Status == ReleaseStatus.Published && release.LedgerIndex is null;
}
