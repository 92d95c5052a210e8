using System.Threading.Channels;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Subscriptions;

/// <summary>
/// Removes delivered notifications from the outbox and saves delivery states, in batches: one durable write per
/// notification would limit each queue to the disk's commit rate. A crash before a batch is written means those
/// notifications are sent again after the restart (at-least-once; receivers can tell them apart by id).
/// </summary>
internal sealed class DeliveryAcknowledger(ISubscriptionStore store, DeliveryStatusBoard board, TimeProvider time, ILogger<DeliveryAcknowledger> logger)
{
    private const int MaxBatch = 1000;
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);

    // Bounded: when the store falls behind, delivering queues wait instead of piling up acknowledgements in memory.
    private readonly Channel<long> _delivered = Channel.CreateBounded<long>(new BoundedChannelOptions(10 * MaxBatch)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ValueTask DeliveredAsync(long seq, CancellationToken cancellation) => _delivered.Writer.WriteAsync(seq, cancellation);

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            using (var pause = new CancellationTokenSource(StatusInterval, time))
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping, pause.Token))
            {
                try
                {
                    await _delivered.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    // The pause ended (statuses are saved at least this often) or the host is stopping.
                }
            }
            await FlushAsync();
        }
        await FlushAsync();
    }

    /// <summary>Writes what is pending now.</summary>
    public async Task FlushAsync()
    {
        try
        {
            var seqs = new List<long>();
            while (seqs.Count < MaxBatch && _delivered.Reader.TryRead(out var seq)) seqs.Add(seq);
            if (seqs.Count > 0) await store.DeleteOutboxAsync(seqs, CancellationToken.None);
            var statuses = board.TakeChanged();
            if (statuses.Count > 0) await store.SaveDeliveryStatusAsync(statuses, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            DeliveryLog.AcknowledgeFailed(logger, e);
        }
    }
}
