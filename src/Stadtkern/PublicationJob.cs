using Stadtkern.Catalog;

namespace Stadtkern.Host;

/// <summary>
/// Logs releases that were stored but not logged (a crash in between) at start, then publishes scheduled datasets when
/// their cron expression comes due: a dataset is due when a scheduled time lies between its latest release (or its
/// definition) and now. A run that fails is logged and tried again at the next scheduled time. With several nodes only the
/// leader runs them.
/// </summary>
internal sealed partial class PublicationJob(ICatalogStore store, PublicationPipeline pipeline, TimeProvider time, ILogger<PublicationJob> logger,
    Stadtkern.Nodes.INodeCoordination nodes) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, DateTimeOffset> _failedAt = new(StringComparer.Ordinal);
    private bool _repaired;

    /// <summary>Only the leading node publishes (several nodes share one catalog); it first logs what a crash left unlogged.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RepairOnceAsync(stoppingToken);
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RepairOnceAsync(stoppingToken);
            if (nodes.IsLeader) await RunDueAsync(stoppingToken);
        }
    }

    private async Task RepairOnceAsync(CancellationToken cancellation)
    {
        if (_repaired || !nodes.IsLeader) return;
        try
        {
            var repaired = await pipeline.RepairAsync(cancellation);
            if (repaired > 0) LogRepaired(logger, repaired);
            _repaired = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, "(repair)", e);
        }
    }

    /// <summary>Publishes every dataset whose schedule came due; returns how many releases were made.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellation)
    {
        var made = 0;
        var now = time.GetUtcNow();
        for (var offset = 0; ; offset += 200)
        {
            var (page, _) = await store.ListDatasetsAsync(null, false, offset, 200, cancellation);
            foreach (var record in page)
            {
                if (record.Document["schedule"]?.GetValue<string>() is not { } cron) continue;
                var since = (await store.NewestReleaseAsync(record.Id, cancellation))?.CreatedAt ?? record.ModifiedAt;
                if (_failedAt.TryGetValue(record.Id, out var failed) && failed > since) since = failed;
                if (PublicationSchedule.Parse(cron).Next(since) is not { } due || due > now) continue;
                try
                {
                    var release = await pipeline.PublishAsync(record, cancellation);
                    _failedAt.Remove(record.Id);
                    LogPublished(logger, record.Id, release.Number, ReleaseCodec.Status(release.Status));
                    made++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _failedAt[record.Id] = now;
                    LogFailed(logger, record.Id, e);
                }
            }
            if (page.Count < 200) break;
        }
        return made;
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Catalog: scheduled release {Number} of {Dataset} is {Status}")]
    private static partial void LogPublished(ILogger logger, string dataset, int number, string status);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Error, Message = "Catalog: the scheduled run of {Dataset} failed; it is tried again at its next scheduled time")]
    private static partial void LogFailed(ILogger logger, string dataset, Exception exception);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Warning, Message = "Catalog: {Count} published releases were not yet in the ledger and have been logged")]
    private static partial void LogRepaired(ILogger logger, int count);
}
