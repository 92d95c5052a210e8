namespace Stadtkern.Store;

/// <summary>Removes history that has outlived its retention; the current state is never touched.</summary>
public interface IHistoryRetention
{
    /// <summary>Deletes attribute instances recorded before <paramref name="before"/>, at most <paramref name="limit"/> per call; returns how many.</summary>
    Task<int> PruneHistoryAsync(DateTimeOffset before, int limit, CancellationToken cancellation);
}
