using Microsoft.Data.Sqlite;
using Stadtkern.Errors;
using Stadtkern.Sqlite;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store;

/// <summary>When the writer is behind and its queue is full, a write is refused with 503 (ServiceUnavailable) instead of queueing without bound; what was queued still lands.</summary>
public sealed class BackPressureTests
{
    [Fact]
    public async Task A_full_queue_refuses_the_next_write_and_commits_the_queued_ones()
    {
        using var directory = new TempDirectory("backpressure");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.Path, "w.db"), Pooling = false }.ToString();
        using (var setup = new SqliteConnection(connectionString))
        {
            setup.Open();
            SqliteSchema.Execute(setup, "PRAGMA journal_mode=WAL; CREATE TABLE t (v INTEGER);");
        }
        await using var writer = new GroupCommitWriter(connectionString, capacity: 1);
        using var release = new ManualResetEventSlim(false);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = writer.RunAsync((_, _) => { started.SetResult(); release.Wait(TimeSpan.FromSeconds(60)); return 0; }, CancellationToken.None);
        await started.Task;
        var queued = writer.RunAsync((c, tx) => Insert(c, tx, 1), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<NgsiLdException>(() => writer.RunAsync((c, tx) => Insert(c, tx, 2), CancellationToken.None));
        release.Set();
        await blocker;
        await queued;

        Assert.Equal(ErrorType.ServiceUnavailable, refused.Type);
        using var check = new SqliteConnection(connectionString);
        check.Open();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT group_concat(v) FROM t";
        Assert.Equal("1", count.ExecuteScalar());
    }

    private static int Insert(SqliteConnection connection, SqliteTransaction transaction, int value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO t (v) VALUES ({value})";
        return command.ExecuteNonQuery();
    }
}
