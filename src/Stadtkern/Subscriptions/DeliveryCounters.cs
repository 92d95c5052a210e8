namespace Stadtkern.Host.Subscriptions;

/// <summary>Notification delivery counted for /metrics: what reached receivers, failed attempts, and what was dropped (refused for good or beyond the backlog bound).</summary>
internal sealed class DeliveryCounters
{
    private long _delivered;
    private long _failed;
    private long _dropped;

    public void Delivered() => Interlocked.Increment(ref _delivered);

    public void Failed() => Interlocked.Increment(ref _failed);

    public void Dropped(int count) => Interlocked.Add(ref _dropped, count);

    public string Prometheus() =>
        "# TYPE stadtkern_notifications_delivered_total counter\n"
        + $"stadtkern_notifications_delivered_total {Interlocked.Read(ref _delivered)}\n"
        + "# TYPE stadtkern_notification_attempts_failed_total counter\n"
        + $"stadtkern_notification_attempts_failed_total {Interlocked.Read(ref _failed)}\n"
        + "# TYPE stadtkern_notifications_dropped_total counter\n"
        + $"stadtkern_notifications_dropped_total {Interlocked.Read(ref _dropped)}\n";
}
