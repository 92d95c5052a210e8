namespace Stadtkern.Subscriptions;

/// <summary>
/// Wakes the notification delivery when new outbox rows were committed. Signals that arrive while delivery is busy are
/// folded into one wake-up, so a burst of commits costs one outbox scan, not one per commit.
/// </summary>
public sealed class NotificationSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private int _set;

    public void Set()
    {
        if (Interlocked.Exchange(ref _set, 1) == 0) _semaphore.Release();
    }

    /// <summary>Waits for a signal, at most <paramref name="timeout"/>; true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var signalled = await _semaphore.WaitAsync(timeout, cancellation);
        // Cleared after waking: a Set from now on wakes the next wait, and the caller's scan sees everything committed before.
        Interlocked.Exchange(ref _set, 0);
        return signalled;
    }

    public void Dispose() => _semaphore.Dispose();
}
