using Stadtkern.Nodes;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Subscriptions;

/// <summary>What every delivery queue needs.</summary>
internal sealed record DeliveryServices(ISubscriptionStore Store, SubscriptionRegistry Registry, DeliveryStatusBoard Board, INotificationSender Sender,
    DeliveryAcknowledger Acknowledger, DeliveryPolicy Policy, DeliveryCounters Counters, TimeProvider Time, INodeCoordination Nodes, ILogger<DeliveryQueue> Logger);

/// <summary>
/// The notifications of one subscription, sent in outbox order per entity, so a receiver sees each entity's changes in
/// the order they happened. A failure holds this queue back (with growing pauses) and no other: each subscription
/// has its own queue, so a dead or slow receiver never delays the notifications of others. The queue reads the outbox a
/// page at a time and runs only while there is something to send. While its receiver fails, it keeps the subscription's
/// outbox within <see cref="DeliveryPolicy.MaxBacklog"/> by dropping the oldest notifications. With several nodes on one
/// database, a queue delivers only while its node holds the subscription's lease (<see cref="ISubscriptionStore.ClaimDeliveryAsync"/>).
/// </summary>
internal sealed class DeliveryQueue(string tenant, string subscriptionId, DeliveryServices services)
{
    private readonly Lock _lock = new();
    private long _cursor;
    private bool _held;
    private DateTimeOffset _claimedAt;
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
                await PauseAsync(Interlocked.Increment(ref _failures), stopping);
            }
        }
    }

    /// <summary>
    /// Sends the outbox a page at a time. Within a page, the notifications of different entities go out side by side (up
    /// to <see cref="DeliveryPolicy.MaxInFlight"/> at once), each entity's in order (<see cref="DeliveryOrder"/>), so a
    /// distant receiver is not limited to one notification per round trip. The next page waits for the whole page.
    /// </summary>
    private async Task DrainAsync(CancellationToken stopping)
    {
        while (true)
        {
            if (!await HoldAsync(stopping)) return;
            var page = await services.Store.ReadOutboxAsync(tenant, subscriptionId, _cursor, services.Policy.PageSize, stopping);
            if (page.Count == 0) return;
            if (await SendPageAsync(page, stopping)) _cursor = page[^1].Seq;
        }
    }

    /// <summary>
    /// Takes or renews the subscription's lease; false when another node holds it (that node delivers, and this queue tries
    /// again at the next scan). Held afresh after a lapse, the outbox is read from its start: another node may have left
    /// rows behind. The only node always holds it.
    /// </summary>
    private async Task<bool> HoldAsync(CancellationToken stopping)
    {
        if (services.Nodes is SingleNode) return true;
        var now = services.Time.GetUtcNow();
        var lapsed = !_held || now - _claimedAt >= services.Policy.Lease;
        _held = await RenewAsync(stopping);
        if (!_held) return false;
        if (lapsed) _cursor = 0;
        _claimedAt = now;
        return true;
    }

    private Task<bool> RenewAsync(CancellationToken stopping) => services.Nodes is SingleNode
        ? Task.FromResult(true)
        : services.Store.ClaimDeliveryAsync(tenant, subscriptionId, services.Nodes.NodeId, services.Policy.Lease, stopping);

    /// <summary>False when the backlog bound dropped part of the page while it was being sent: the outbox is read again.</summary>
    private async Task<bool> SendPageAsync(IReadOnlyList<OutboxEntry> page, CancellationToken stopping)
    {
        using var trimmed = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var options = new ParallelOptions { MaxDegreeOfParallelism = services.Policy.MaxInFlight, CancellationToken = trimmed.Token };
        try
        {
            await Parallel.ForEachAsync(DeliveryOrder.Groups(page), options, async (group, cancellation) =>
            {
                foreach (var entry in group)
                {
                    if (!await DeliverAsync(entry, cancellation))
                    {
                        await trimmed.CancelAsync();
                        return;
                    }
                    await services.Acknowledger.DeliveredAsync(entry.Seq, cancellation);
                }
            });
        }
        catch (OperationCanceledException) when (trimmed.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // The other groups were stopped mid-send; what they had not delivered is read again.
        }
        return !trimmed.IsCancellationRequested;
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
                Interlocked.Exchange(ref _failures, 0);
                return true;
            }
            board.Update(tenant, subscriptionId, s => s.Failing(services.Time.GetUtcNow()));
            services.Counters.Failed();
            var failures = Interlocked.Increment(ref _failures);
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
            var delay = services.Policy.RetryDelay(failures, Random.Shared);
            DeliveryLog.NotificationFailed(services.Logger, entry.Seq, subscriptionId, tenant, entry.Message.Uri, outcome.Detail, failures, delay);
            await Task.Delay(delay, services.Time, stopping);
            // Retrying may outlast the lease; without it, another node delivers (the outbox is read again).
            if (!await RenewAsync(stopping)) return false;
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
