using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Subscriptions;

/// <summary>Runs the periodic (timeInterval) subscriptions once a second, and now and then retries subscriptions whose @context could not be resolved.</summary>
internal sealed class PeriodicNotifications(PeriodicNotifier notifier, SubscriptionRegistry registry, TimeProvider time, ILogger<PeriodicNotifications> logger,
    Stadtkern.Nodes.INodeCoordination nodes) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private const int TicksBetweenContextRetries = 60;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var tick = 1; !stoppingToken.IsCancellationRequested; tick++)
        {
            try
            {
                // With several nodes on one database, the leader alone sends the periodic notifications.
                if (nodes.IsLeader) await notifier.TickAsync(stoppingToken);
                if (tick % TicksBetweenContextRetries == 0)
                {
                    foreach (var (tenant, id, reason) in await registry.RetryUnresolvedAsync(stoppingToken))
                        DeliveryLog.ContextUnresolved(logger, id, tenant, reason);
                }
                await Task.Delay(Tick, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                DeliveryLog.PeriodicFailed(logger, e);
                try
                {
                    await Task.Delay(Tick, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }
}
