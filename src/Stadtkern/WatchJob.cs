using Stadtkern.Store;
using Stadtkern.Watch;

namespace Stadtkern.Host;

/// <summary>Loads the watch rules and restores the open alarms at start; then checks for silent sensors and for conditions held past their period every <see cref="StadtkernOptions.WatchInterval"/>.</summary>
internal sealed partial class WatchJob(WatchRules rules, WatchEngine engine, IEntityStore store, StadtkernOptions options, TimeProvider time, ILogger<WatchJob> logger,
    Stadtkern.Nodes.INodeCoordination nodes) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var file = string.IsNullOrEmpty(options.WatchRulesFile) ? null : Path.GetFullPath(options.WatchRulesFile);
        await rules.LoadAsync(file, cancellationToken);
        await engine.RestoreAsync(store, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.WatchInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // With several nodes on one database, the leader alone checks, so that a silent sensor raises one alarm.
            if (!nodes.IsLeader) continue;
            try
            {
                var raised = await engine.CheckSilenceAsync(store, stoppingToken);
                if (raised > 0) LogSilent(logger, raised);
                var held = await engine.CheckHeldAsync(stoppingToken);
                if (held > 0) LogHeld(logger, held);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Watch: {Count} silent sensor alarms raised")]
    private static partial void LogSilent(ILogger logger, int count);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Watch: {Count} alarms raised for conditions held past their period")]
    private static partial void LogHeld(ILogger logger, int count);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Watch: the check for silent sensors failed; it runs again at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
