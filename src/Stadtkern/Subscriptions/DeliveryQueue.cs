using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Subscriptions;

/// <summary>What every delivery queue needs.</summary>
internal sealed record DeliveryServices(ISubscriptionStore Store, SubscriptionRegistry Registry, DeliveryStatusBoard Board, INotificationSender Sender,
    DeliveryAcknowledger Acknowledger, DeliveryPolicy Policy, DeliveryCounters Counters, TimeProvider Time, ILogger<DeliveryQueue> Logger);

/// <summary>
/// The notifications of one subscription, sent one at a time in outbox order, so a receiver sees each entity's changes
/// in the order they happened. A failure holds this queue back (with growing pauses) and no other: each subscription
/// has its own queue, so a dead or slow receiver never delays the notifications of others. The queue reads the outbox a
/// page at a time and runs only while there is something to send. While its receiver fails, it keeps the subscription's
/// outbox within <see cref="DeliveryPolicy.MaxBacklog"/> by dropping the oldest notifications.
/// </summary>
internal sealed class DeliveryQueue(string tenant, string subscriptionId, DeliveryServices services)
{
    private readonly Lock _lock = new();
    private long _cursor;
    private int _failures;
    private bool _running;
    private bool _pending;
    private Task _run = Task.CompletedTask;

    public string Tenant => tenant;

    public string SubscriptionId => subscriptionId;

    public bool Idle
    {
        get
        {
            lock (_lock) return !_running;
        }
    }

    /// <summary>Completes when the queue is not running (for a clean stop).</summary>
    public Task Completion
    {
        get
        {
            lock (_lock) return _run;
        }
    }

    /// <summary>Tells the queue there may be new rows; starts it when it is not running.</summary>
    public void Wake(CancellationToken stopping)
    {
        lock (_lock)
        {
            _pending = true;
            if (_running) return;
            _running = true;
            _run = Task.Run(() => RunAsync(stopping), CancellationToken.None);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (true)
        {
            lock (_lock)
            {
                if (!_pending || stopping.IsCancellationRequested)
                {
                    _running = false;
                    return;
                }
                _pending = false;
            }
            try
            {
                await DrainAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopping: what was not delivered stays in the outbox for the next start.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                DeliveryLog.QueueFailed(services.Logger, e, subscriptionId, tenant);
                lock (_lock) _pending = true;
                await PauseAsync(++_failures, stopping);
            }
        }
    }

    private async Task DrainAsync(CancellationToken stopping)
    {
        while (true)
        {
            var page = await services.Store.ReadOutboxAsync(tenant, subscriptionId, _cursor, services.Policy.PageSize, stopping);
            if (page.Count == 0) return;
            foreach (var entry in page)
            {
                if (!await DeliverAsync(entry, stopping)) break;
                _cursor = entry.Seq;
                await services.Acknowledger.DeliveredAsync(entry.Seq, stopping);
            }
        }
    }

    /// <summary>
    /// Sends one notification until it is delivered, refused for good, or its subscription is deleted (true: go on with
    /// the next), or until the backlog bound dropped it while the receiver failed (false: read the outbox again).
    /// </summary>
    private async Task<bool> DeliverAsync(OutboxEntry entry, CancellationToken stopping)
    {
        var board = services.Board;
        var rejected = 0;
        while (services.Registry.Contains(tenant, subscriptionId))
        {
            board.Update(tenant, subscriptionId, s => s.Sending(services.Time.GetUtcNow()));
            var outcome = await services.Sender.SendAsync(entry.Message, stopping);
            if (outcome.Delivered)
            {
                board.Update(tenant, subscriptionId, s => s.Succeeded(services.Time.GetUtcNow()));
                services.Counters.Delivered();
                _failures = 0;
                return true;
            }
            board.Update(tenant, subscriptionId, s => s.Failing(services.Time.GetUtcNow()));
            services.Counters.Failed();
            _failures++;
            if (outcome.Rejected && ++rejected >= services.Policy.MaxRejectedAttempts)
            {
                DeliveryLog.NotificationDropped(services.Logger, entry.Seq, subscriptionId, tenant, entry.Message.Uri, rejected, outcome.Detail);
                services.Counters.Dropped(1);
                return true;
            }
            var trimmed = await services.Store.TrimOutboxAsync(tenant, subscriptionId, services.Policy.MaxBacklog, stopping);
            if (trimmed > 0)
            {
                DeliveryLog.BacklogTrimmed(services.Logger, trimmed, subscriptionId, tenant, services.Policy.MaxBacklog);
                services.Counters.Dropped(trimmed);
                return false;
            }
            var delay = services.Policy.RetryDelay(_failures, Random.Shared);
            DeliveryLog.NotificationFailed(services.Logger, entry.Seq, subscriptionId, tenant, entry.Message.Uri, outcome.Detail, _failures, delay);
            await Task.Delay(delay, services.Time, stopping);
        }
        return true;
    }

    private async Task PauseAsync(int failures, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(services.Policy.RetryDelay(failures, Random.Shared), services.Time, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping; the loop ends on its next turn.
        }
    }
}
