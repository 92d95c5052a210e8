using Microsoft.Data.Sqlite;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

/// <summary>
/// The single writer of the embedded store (<see cref="GroupCommit{TTransaction}"/>) on its own connection, committing
/// fsync'd (synchronous=FULL), with its statements prepared once.
/// </summary>
internal sealed class GroupCommitWriter : GroupCommit<SqliteTransaction>
{
    private const int MaxBatch = 512;
    private readonly SqliteConnection _connection;

    public GroupCommitWriter(string connectionString, int capacity) : base(capacity, MaxBatch)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Commands = new PreparedCommands(_connection);
        // The write-ahead log is truncated back to 64 MiB after checkpoints, so a burst does not leave a huge file behind.
        SqliteSchema.Execute(_connection, "PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768; PRAGMA journal_size_limit=67108864;");
        Start();
    }

    /// <summary>Statements prepared once on the writer's connection; only the writer thread uses them.</summary>
    public PreparedCommands Commands { get; }

    public Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, T> body, CancellationToken cancellation) =>
        RunAsync(transaction => body(_connection, transaction), cancellation);

    protected override SqliteTransaction Begin() => _connection.BeginTransaction();

    protected override void Commit(SqliteTransaction transaction) => transaction.Commit();

    protected override void End(SqliteTransaction transaction) => transaction.Dispose();

    protected override void Savepoint(SqliteTransaction transaction) => Commands.Get("SAVEPOINT work", transaction).ExecuteNonQuery();

    protected override void ReleaseSavepoint(SqliteTransaction transaction) => Commands.Get("RELEASE work", transaction).ExecuteNonQuery();

    protected override void RollbackToSavepoint(SqliteTransaction transaction)
    {
        Commands.Get("ROLLBACK TO work", transaction).ExecuteNonQuery();
        Commands.Get("RELEASE work", transaction).ExecuteNonQuery();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Commands.Dispose();
        _connection.Dispose();
    }
}
