using Npgsql;
using Stadtkern.Nodes;

namespace Stadtkern.Postgres;

/// <summary>
/// A node among several on one PostgreSQL database, on a connection of its own: it LISTENs to the notices the other nodes'
/// transactions send (<see cref="PostgresNotices"/>) and tries to hold the session-level advisory lock that makes a node the
/// leader of the scheduled jobs. When the connection is lost, the lock goes with it (another node takes over) and this
/// node stops leading at once; it connects again with a growing pause and then reloads everything, as notices may have
/// been missed meanwhile.
/// </summary>
public sealed class PostgresNodeCoordination : INodeCoordination
{
    private const long LeaderLock = 0x5374_6164_4A6F_6273;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly TimeSpan _leaderPoll;
    private volatile bool _leader;

    /// <param name="leaderPoll">How often a follower tries to become the leader, and the leader checks its connection.</param>
    public PostgresNodeCoordination(string connectionString, string nodeId, TimeSpan leaderPoll)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaderPoll, TimeSpan.Zero);
        // Not pooled: the lock and the LISTEN belong to this session alone. Keepalives find a dead server within seconds.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = Math.Max(1, (int)leaderPoll.TotalSeconds),
            ApplicationName = "stadtkern-node",
        }.ConnectionString;
        NodeId = nodeId;
        _leaderPoll = leaderPoll;
    }

    public string NodeId { get; }

    public bool IsLeader => _leader;

    public event Action<NodeNotice>? Noticed;

    /// <summary>Raised when the coordinating connection failed (the node goes on, without leading, and connects again).</summary>
    public event Action<Exception>? Lost;

    public async Task RunAsync(CancellationToken stopping)
    {
        var retry = FirstRetry;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(stopping);
                connection.Notification += (_, e) => Hear(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresNotices.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stopping);
                Noticed?.Invoke(new NodeNotice(NodeNoticeKind.Everything));
                retry = FirstRetry;
                await KeepAsync(connection, stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested && e is not OutOfMemoryException)
            {
                _leader = false;
                Lost?.Invoke(e);
                try
                {
                    await Task.Delay(retry, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
            finally
            {
                _leader = false;
            }
        }
    }

    /// <summary>Waits for notices; between them a follower tries for the lock and the leader proves that its session is alive.</summary>
    private async Task KeepAsync(NpgsqlConnection connection, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var sql = _leader ? "SELECT true" : $"SELECT pg_try_advisory_lock({LeaderLock})";
            await using (var check = new NpgsqlCommand(sql, connection))
                _leader = await check.ExecuteScalarAsync(stopping) is true;
            try
            {
                await connection.WaitAsync(_leaderPoll, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Hear(string payload)
    {
        if (PostgresNotices.Parse(payload) is not { } heard || heard.Node == NodeId) return;
        Noticed?.Invoke(heard.Notice);
    }

    public ValueTask DisposeAsync()
    {
        _leader = false;
        return ValueTask.CompletedTask;
    }
}
