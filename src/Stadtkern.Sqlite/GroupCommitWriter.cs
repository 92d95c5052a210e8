using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Stadtkern.Sqlite;

/// <summary>
/// The single writer of the embedded store. Callers' work is queued; the writer takes as many as are waiting (up to a
/// bound), runs each in its own savepoint inside one transaction, commits once (fsync'd, synchronous=FULL), and only then
/// completes the callers. Many small writes thus share one durable commit.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly Channel<IWork> _queue;
    private readonly SqliteConnection _connection;
    private readonly Task _loop;

    /// <summary>How long a write waits for room in a full queue before it is refused.</summary>
    public static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(2);

    public GroupCommitWriter(string connectionString, int capacity)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Commands = new PreparedCommands(_connection);
        // The write-ahead log is truncated back to 64 MiB after checkpoints, so a burst does not leave a huge file behind.
        SqliteSchema.Execute(_connection, "PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768; PRAGMA journal_size_limit=67108864;");
        // A bounded queue gives back-pressure instead of unbounded memory when writers outrun the disk.
        _queue = Channel.CreateBounded<IWork>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Statements prepared once on the writer's connection; only the writer thread uses them.</summary>
    public PreparedCommands Commands { get; private set; } = null!;

    private interface IWork
    {
        void Run(PreparedCommands commands, SqliteConnection connection, SqliteTransaction transaction);

        void Complete();

        void Fail(Exception error);
    }

    private sealed class Work<T>(Func<SqliteConnection, SqliteTransaction, T> body) : IWork
    {
        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(PreparedCommands commands, SqliteConnection connection, SqliteTransaction transaction)
        {
            commands.Get("SAVEPOINT work", transaction).ExecuteNonQuery();
            try
            {
                _result = body(connection, transaction);
                commands.Get("RELEASE work", transaction).ExecuteNonQuery();
            }
            catch (Exception e)
            {
                commands.Get("ROLLBACK TO work", transaction).ExecuteNonQuery();
                commands.Get("RELEASE work", transaction).ExecuteNonQuery();
                _error = e;
            }
        }

        public void Complete()
        {
            if (_error is not null) Completion.TrySetException(_error);
            else Completion.TrySetResult(_result!);
        }

        public void Fail(Exception error) => Completion.TrySetException(error);
    }

    public async Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, T> body, CancellationToken cancellation)
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

    private async Task RunAsync()
    {
        var batch = new List<IWork>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                using var transaction = _connection.BeginTransaction();
                foreach (var work in batch) work.Run(Commands, _connection, transaction);
                transaction.Commit();
                foreach (var work in batch) work.Complete();
            }
            catch (Exception e)
            {
                // The commit itself failed (disk full, I/O error): nothing of this batch is durable, so every caller hears so.
                foreach (var work in batch) work.Fail(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        Commands.Dispose();
        _connection.Dispose();
    }
}
