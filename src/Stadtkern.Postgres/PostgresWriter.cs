using Npgsql;
using Stadtkern.Store;

namespace Stadtkern.Postgres;

/// <summary>
/// The node's single writer (<see cref="GroupCommit{TTransaction}"/>) on its own connection, committing with
/// <c>synchronous_commit = on</c>. Several nodes may write at once: the work takes transaction-scoped advisory locks per
/// tenant and entity (see <see cref="PostgresEntityTransaction"/>), so that read-modify-write of one entity is serialised
/// across nodes as well, not only inside this process. A broken connection fails its batch and is opened afresh.
/// </summary>
internal sealed class PostgresWriter : GroupCommit<NpgsqlTransaction>
{
    private const int MaxBatch = 256;
    private readonly NpgsqlDataSource _source;
    private readonly string _node;
    private readonly List<long> _outboxRows = [];
    private NpgsqlConnection? _connection;
    private bool _broken;

    public PostgresWriter(NpgsqlDataSource source, string node, int capacity) : base(capacity, MaxBatch)
    {
        _source = source;
        _node = node;
        Start();
    }

    /// <summary>An outbox row the current batch inserted, numbered for good at commit (<see cref="PostgresOutbox.Order"/>).</summary>
    public void Enqueued(long seq) => _outboxRows.Add(seq);

    public Task<T> RunAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> body, CancellationToken cancellation) =>
        RunAsync(transaction => body(transaction.Connection!, transaction), cancellation);

    protected override NpgsqlTransaction Begin()
    {
        if (_broken || _connection is not { State: System.Data.ConnectionState.Open })
        {
            _broken = false;
            _connection?.Dispose();
            _connection = _source.OpenConnection();
            using var durable = new NpgsqlCommand("SET synchronous_commit = on", _connection);
            durable.ExecuteNonQuery();
        }
        _outboxRows.Clear();
        return _connection.BeginTransaction();
    }

    protected override void Commit(NpgsqlTransaction transaction)
    {
        if (_outboxRows.Count > 0) PostgresOutbox.Order(transaction, _outboxRows, _node);
        transaction.Commit();
    }

    protected override void End(NpgsqlTransaction transaction) => transaction.Dispose();

    protected override void Savepoint(NpgsqlTransaction transaction) => transaction.Save("work");

    protected override void ReleaseSavepoint(NpgsqlTransaction transaction) => transaction.Release("work");

    protected override void RollbackToSavepoint(NpgsqlTransaction transaction) => transaction.Rollback("work");

    /// <summary>A lost connection is the whole batch's failure, not the work's.</summary>
    protected override bool IsWorkFailure(Exception error) => error is not NpgsqlException { IsTransient: true };

    /// <summary>
    /// Text PostgreSQL cannot hold (U+0000, which neither <c>text</c> nor <c>jsonb</c> accepts) is the client's bad data, a
    /// 400 problem document, not a server error. The embedded store accepts it: a written exception (docs/postgres.md).
    /// </summary>
    protected override Exception WorkFailed(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.CharacterNotInRepertoire }
            ? Errors.NgsiLdException.BadData("The request holds text the store cannot keep (the character U+0000); nothing of it was applied.")
            : error;

    /// <summary>A database that cannot be reached is the caller's 503, not a stack trace; the next batch opens a fresh connection.</summary>
    protected override Exception BatchFailed(Exception error)
    {
        _broken = true;
        return error is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException
            ? new Errors.NgsiLdException(Errors.ErrorType.ServiceUnavailable, "The database is not reachable; nothing of this request was applied. Retry shortly.")
            : error;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
