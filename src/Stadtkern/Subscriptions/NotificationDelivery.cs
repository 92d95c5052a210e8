using System.Collections.Concurrent;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Subscriptions;

/// <summary>
/// Delivers the notification outbox. At start it loads the subscriptions (before the server takes requests) and finds
/// every queue with undelivered rows, so notifications survive a restart. Then each commit signal makes it look for new
/// rows and wake the queues they belong to; a periodic scan is the safety net.
/// </summary>
internal sealed class NotificationDelivery(ISubscriptionStore store, SubscriptionRegistry registry, NotificationSignal signal, DeliveryAcknowledger acknowledger,
    DeliveryServices services, DeliveryPolicy policy, ILogger<NotificationDelivery> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), DeliveryQueue> _queues = new();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await registry.LoadAsync(cancellationToken);
        foreach (var (tenant, id, reason) in await registry.RetryUnresolvedAsync(cancellationToken))
            DeliveryLog.ContextUnresolved(logger, id, tenant, reason);
        DeliveryLog.Started(logger);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var acknowledging = acknowledger.RunAsync(stoppingToken);
        long scanned = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var (tenant, id, last) in await store.PendingQueuesAsync(scanned, stoppingToken))
                {
                    _queues.GetOrAdd((tenant, id), key => new DeliveryQueue(key.Tenant, key.Id, services)).Wake(stoppingToken);
                    scanned = Math.Max(scanned, last);
                }
                Forget();
                // Without a signal, scan the whole outbox: with several nodes, a queue another node held (and may have
                // left behind when it died) is tried again.
                if (!await signal.WaitAsync(policy.ScanInterval, stoppingToken)) scanned = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                DeliveryLog.ScanFailed(logger, e);
                await PauseAsync(stoppingToken);
            }
        }
        // Let the queues finish their current step (sends and waits are cancelled), then record what they delivered.
        await Task.WhenAll(_queues.Values.Select(q => q.Completion));
        await acknowledging;
        await acknowledger.FlushAsync();
    }

    /// <summary>Drops idle queues of deleted subscriptions (their rows were deleted with them).</summary>
    private void Forget()
    {
        foreach (var (key, queue) in _queues)
            if (queue.Idle && !registry.Contains(key.Tenant, key.Id)) _queues.TryRemove(key, out _);
    }

    private async Task PauseAsync(CancellationToken stoppingToken)
    {
        try
        {
            await signal.WaitAsync(policy.ScanInterval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
