using Stadtkern.Lake;
using Stadtkern.Store;

namespace Stadtkern.Host;

/// <summary>
/// Applies retention in the background, at start and then hourly: raw-lake partitions older than their source's
/// retention (<see cref="StadtkernOptions.LakeRetentionDays"/>), and history older than <see cref="StadtkernOptions.HistoryRetentionDays"/>.
/// </summary>
internal sealed partial class RetentionJob(StadtkernOptions options, IHistoryRetention history, TimeProvider time, ILogger<RetentionJob> logger,
    IServiceProvider services, Stadtkern.Nodes.INodeCoordination nodes) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                // With several nodes on one database, the leader alone prunes the shared history; each node keeps its own lake.
                await RunOnceAsync(stoppingToken, pruneHistory: nodes.IsLeader);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Prunes the lake and, unless <paramref name="pruneHistory"/> is false (another node leads), the history.</summary>
    public async Task RunOnceAsync(CancellationToken cancellation, bool pruneHistory = true)
    {
        var now = time.GetUtcNow();
        if (services.GetService<RawLake>() is { } lake)
        {
            foreach (var source in lake.Partitions().Select(p => p.Source).Distinct().ToList())
            {
                var days = options.LakeRetentionDays.TryGetValue(source, out var d) ? d : options.LakeRetentionDays.GetValueOrDefault("*", 90);
                if (days <= 0) continue;
                var removed = lake.DeleteBefore(source, DateOnly.FromDateTime(now.UtcDateTime.AddDays(-days)));
                if (removed > 0) LogLake(logger, removed, source, days);
            }
        }
        if (pruneHistory && options.HistoryRetentionDays > 0)
        {
            var cut = now.AddDays(-options.HistoryRetentionDays);
            long total = 0;
            int pruned;
            // In slices, so that ingestion keeps its turn at the writer.
            do
            {
                pruned = await history.PruneHistoryAsync(cut, 10_000, cancellation);
                total += pruned;
            }
            while (pruned > 0 && !cancellation.IsCancellationRequested);
            if (total > 0) LogHistory(logger, total, options.HistoryRetentionDays);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Retention: {Count} lake partitions of {Source} older than {Days} days removed")]
    private static partial void LogLake(ILogger logger, int count, string source, int days);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Retention: {Count} history instances older than {Days} days removed")]
    private static partial void LogHistory(ILogger logger, long count, int days);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Retention failed; it is tried again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
