namespace Stadtkern.Subscriptions;

/// <summary>How notifications are delivered: request time-out, retry back-off, how much of the outbox is read at once and how much it may hold.</summary>
public sealed record DeliveryPolicy
{
    /// <summary>How long a receiver may take to answer before the attempt counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failure; it doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Attempts before a notification the receiver refuses as a client error (4xx other than 408 and 429) is given up:
    /// sending the same request again will not change the answer, and it would hold back the notifications after it.
    /// </summary>
    public int MaxRejectedAttempts { get; init; } = 3;

    /// <summary>Notifications of one subscription on their way at once (about different entities; one entity's go one after the other).</summary>
    public int MaxInFlight { get; init; } = 8;

    /// <summary>Outbox rows one subscription's queue reads at a time (its memory bound).</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>
    /// Undelivered notifications one subscription keeps at most. While its receiver fails, the oldest beyond this are
    /// dropped (and counted), so that a receiver that never comes back cannot fill the disk; the entities' history keeps
    /// every change, for a receiver that needs to catch up.
    /// </summary>
    public int MaxBacklog { get; init; } = 100_000;

    /// <summary>
    /// How long a node's hold on a subscription's queue lasts unless renewed (several nodes on one database): a killed
    /// node's undelivered notifications are sent by another node after at most this long.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the outbox is scanned without a commit signal, as a safety net.</summary>
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before attempt <paramref name="failures"/> + 1, with up to a fifth added at random so that queues do not retry in step.</summary>
    public TimeSpan RetryDelay(int failures, Random random)
    {
        var exponent = Math.Min(Math.Max(failures - 1, 0), 20);
        var delay = Math.Min(FirstRetryDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (1 + random.NextDouble() / 5));
    }
}
