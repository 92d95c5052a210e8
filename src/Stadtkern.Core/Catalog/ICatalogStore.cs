namespace Stadtkern.Catalog;

/// <summary>
/// Durable storage of the open-data catalog: dataset definitions (versioned, withdrawn rather than deleted), uploaded
/// source files, and releases with their distribution files. Releases are never changed except for their status on
/// review and their ledger index once logged; their files never.
/// </summary>
public interface ICatalogStore
{
    /// <summary>Creates (expectedVersion 0) or replaces the definition whose stored version is <paramref name="expectedVersion"/>; false when it differs.</summary>
    Task<bool> SaveDatasetAsync(DatasetRecord dataset, int expectedVersion, CancellationToken cancellation);

    Task<DatasetRecord?> GetDatasetAsync(string id, CancellationToken cancellation);

    /// <summary>Datasets ordered by id, optionally only those modified at or after <paramref name="modifiedSince"/>; withdrawn ones only when asked.</summary>
    Task<(IReadOnlyList<DatasetRecord> Page, long Total)> ListDatasetsAsync(DateTimeOffset? modifiedSince, bool includeWithdrawn, int offset, int limit,
        CancellationToken cancellation);

    Task SaveSourceFileAsync(string datasetId, SourceFile file, CancellationToken cancellation);

    Task<SourceFile?> GetSourceFileAsync(string datasetId, CancellationToken cancellation);

    /// <summary>Stores a release and its files; false when the dataset already has a release with that number.</summary>
    Task<bool> AddReleaseAsync(Release release, IReadOnlyList<(string Format, byte[] Body)> files, CancellationToken cancellation);

    /// <summary>Changes a release's status (review) and its ledger index and publication time; false when its status is not <paramref name="expected"/>.</summary>
    Task<bool> UpdateReleaseAsync(string datasetId, int number, ReleaseStatus expected, ReleaseStatus status, long? ledgerIndex, DateTimeOffset? publishedAt,
        CancellationToken cancellation);

    Task<Release?> GetReleaseAsync(string datasetId, int number, CancellationToken cancellation);

    /// <summary>A dataset's releases, newest first.</summary>
    Task<IReadOnlyList<Release>> ListReleasesAsync(string datasetId, CancellationToken cancellation);

    /// <summary>A dataset's newest release whatever its status, or null: what a scheduler needs, without reading them all.</summary>
    Task<Release?> NewestReleaseAsync(string datasetId, CancellationToken cancellation);

    /// <summary>Published releases that are not yet in the ledger (a crash between storing and logging).</summary>
    Task<IReadOnlyList<Release>> UnloggedReleasesAsync(CancellationToken cancellation);

    /// <summary>A distribution file's bytes, or null.</summary>
    Task<byte[]?> ReadDistributionAsync(string datasetId, int number, string format, CancellationToken cancellation);
}
