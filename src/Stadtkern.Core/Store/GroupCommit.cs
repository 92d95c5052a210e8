using System.Threading.Channels;

namespace Stadtkern.Store;

/// <summary>
/// A backend's single writer. Callers' work is queued; the writer takes as many as are waiting (up to a bound), runs each
/// in its own savepoint inside one transaction, commits once (durably), and only then completes the callers. Many small
/// writes thus share one durable commit. A work item that throws has only its savepoint undone and hears of it itself; a
/// failed commit fails every caller of the batch, since nothing of it is durable. The backend says how a transaction is
/// begun, committed and ended, and how savepoints are made.
/// </summary>
/// <typeparam name="TTransaction">The backend's transaction, handed to each work item.</typeparam>
public abstract class GroupCommit<TTransaction> : IAsyncDisposable where TTransaction : class
{
    private readonly int _maxBatch;
    private readonly Channel<IWork> _queue;
    private Task? _loop;

    /// <summary>How long a write waits for room in a full queue before it is refused.</summary>
    public static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(2);

    /// <param name="capacity">The queue's bound: a full queue gives back-pressure instead of unbounded memory when writers outrun the disk.</param>
    protected GroupCommit(int capacity, int maxBatch)
    {
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<IWork>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Starts the writer's loop; the backend calls it once its own state is set up.</summary>
    protected void Start() =>
        _loop = Task.Factory.StartNew(LoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    protected abstract TTransaction Begin();

    protected abstract void Commit(TTransaction transaction);

    /// <summary>Disposes the transaction, committed or not.</summary>
    protected abstract void End(TTransaction transaction);

    protected abstract void Savepoint(TTransaction transaction);

    protected abstract void ReleaseSavepoint(TTransaction transaction);

    protected abstract void RollbackToSavepoint(TTransaction transaction);

    /// <summary>Whether an exception is the work's own (its savepoint is undone, the batch goes on) rather than the connection's.</summary>
    protected virtual bool IsWorkFailure(Exception error) => true;

    /// <summary>What the caller of a work item that failed on its own hears (a backend turns its refusals of bad input into problem documents here).</summary>
    protected virtual Exception WorkFailed(Exception error) => error;

    /// <summary>What the callers of a batch that could not be committed hear; the backend may also reset its connection here.</summary>
    protected virtual Exception BatchFailed(Exception error) => error;

    private interface IWork
    {
        void Run(GroupCommit<TTransaction> writer, TTransaction transaction);

        void Complete();

        void Fail(Exception error);
    }

    private sealed class Work<T>(Func<TTransaction, T> body) : IWork
    {
        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(GroupCommit<TTransaction> writer, TTransaction transaction)
        {
            writer.Savepoint(transaction);
            try
            {
                _result = body(transaction);
                writer.ReleaseSavepoint(transaction);
            }
            catch (Exception e) when (writer.IsWorkFailure(e))
            {
                writer.RollbackToSavepoint(transaction);
                _error = writer.WorkFailed(e);
            }
        }

        public void Complete()
        {
            if (_error is not null) Completion.TrySetException(_error);
            else Completion.TrySetResult(_result!);
        }

        public void Fail(Exception error) => Completion.TrySetException(error);
    }

    public async Task<T> RunAsync<T>(Func<TTransaction, T> body, CancellationToken cancellation)
    {
        var work = new Work<T>(body);
        if (!_queue.Writer.TryWrite(work))
        {
            // Back-pressure: a full queue means the disk is behind. Wait a little for room, then say so (503 with
            // Retry-After) instead of letting callers pile up without bound.
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            patience.CancelAfter(QueueWait);
            try
            {
                await _queue.Writer.WriteAsync(work, patience.Token);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                throw new Errors.NgsiLdException(Errors.ErrorType.ServiceUnavailable,
                    "The store is behind with writing; nothing of this request was applied. Retry shortly.");
            }
        }
        return await work.Completion.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<IWork>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            TTransaction? transaction = null;
            try
            {
                transaction = Begin();
                foreach (var work in batch) work.Run(this, transaction);
                Commit(transaction);
                foreach (var work in batch) work.Complete();
            }
            catch (Exception e)
            {
                // The commit itself failed (disk full, I/O error, connection lost): nothing of this batch is durable.
                var error = BatchFailed(e);
                foreach (var work in batch) work.Fail(error);
            }
            finally
            {
                if (transaction is not null) End(transaction);
            }
        }
    }

    /// <summary>Lets the queued work finish, then stops the loop.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null) await _loop;
        GC.SuppressFinalize(this);
    }
}
