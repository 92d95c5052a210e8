using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Stadtkern.Nodes;
using Stadtkern.Postgres;
using Stadtkern.Subscriptions;
using Stadtkern.Tests.Store.Contract;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Nodes;

/// <summary>Two nodes on one PostgreSQL database, in one test process: outbox numbering, notices between nodes, and the leader of the jobs.</summary>
public sealed class NodeCoordinationTests(PostgresBackend backend) : IClassFixture<PostgresBackend>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly List<IAsyncDisposable> _opened = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _tenant = $"tenant-{Guid.NewGuid():N}";

    private async Task<PostgresEntityStore> NodeAsync()
    {
        var store = (PostgresEntityStore)await backend.OpenAsync();
        _opened.Add(store);
        return store;
    }

    private OutboxMessage Message(string body) =>
        new(_tenant, "urn:ngsi-ld:Subscription:order", "http://127.0.0.1:1/notify", new Dictionary<string, string>(), body, DateTimeOffset.UnixEpoch);

    [SkippableFact]
    public async Task Notifications_are_numbered_in_commit_order_across_nodes_so_a_reader_never_skips_one()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        using var written = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        // Node a writes its notification first, but commits only after node b has committed its own.
        var first = a.WriteAsync(_tenant, tx =>
        {
            ((IOutboxTransaction)tx).EnqueueNotification(Message("written first, committed second"));
            written.Set();
            release.Wait(Deadline);
            return true;
        }, CancellationToken.None);
        Assert.True(written.Wait(Deadline));
        await b.EnqueueAsync([Message("written second, committed first")], CancellationToken.None);
        var seen = await b.ReadOutboxAsync(_tenant, "urn:ngsi-ld:Subscription:order", 0, 10, CancellationToken.None);
        release.Set();
        await first;

        var after = await b.ReadOutboxAsync(_tenant, "urn:ngsi-ld:Subscription:order", seen.Single().Seq, 10, CancellationToken.None);
        Assert.Equal(["written first, committed second"], after.Select(e => e.Message.Body));
    }

    [SkippableFact]
    public async Task A_subscription_written_on_one_node_is_announced_to_the_others_and_not_to_itself()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        var heardByA = new ConcurrentQueue<NodeNotice>();
        var heardByB = new ConcurrentQueue<NodeNotice>();
        var onA = Start(a, heardByA);
        var onB = Start(b, heardByB);
        await WaitForAsync(() => heardByA.Any(n => n.Kind == NodeNoticeKind.Everything) && heardByB.Any(n => n.Kind == NodeNoticeKind.Everything));

        var document = new JsonObject { ["id"] = "urn:ngsi-ld:Subscription:heard", ["type"] = "Subscription" };
        await a.CreateSubscriptionAsync(new StoredSubscription(_tenant, "urn:ngsi-ld:Subscription:heard", document, DeliveryStatus.None,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), CancellationToken.None);
        await a.EnqueueAsync([Message("wake")], CancellationToken.None);

        await WaitForAsync(() => heardByB.Contains(new NodeNotice(NodeNoticeKind.Subscription, _tenant, "urn:ngsi-ld:Subscription:heard"))
            && heardByB.Any(n => n.Kind == NodeNoticeKind.Outbox));
        Assert.DoesNotContain(heardByA, n => n.Kind is NodeNoticeKind.Subscription or NodeNoticeKind.Outbox);
        Assert.NotNull(onA);
        Assert.NotNull(onB);
    }

    [SkippableFact]
    public async Task One_node_leads_the_jobs_and_another_takes_over_when_it_is_gone()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        var first = a.Coordination(TimeSpan.FromMilliseconds(200));
        var second = b.Coordination(TimeSpan.FromMilliseconds(200));
        using var stopFirst = new CancellationTokenSource();
        var runningFirst = first.RunAsync(stopFirst.Token);
        await WaitForAsync(() => first.IsLeader);
        var runningSecond = second.RunAsync(_stopping.Token);
        _opened.Add(second);

        // The second node stays a follower while the first leads (it tries for the lock several times meanwhile).
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(second.IsLeader);
        await stopFirst.CancelAsync();
        await runningFirst;

        await WaitForAsync(() => second.IsLeader);
        Assert.False(first.IsLeader);
        Assert.NotNull(runningSecond);
    }

    private INodeCoordination Start(PostgresEntityStore store, ConcurrentQueue<NodeNotice> heard)
    {
        var coordination = store.Coordination(TimeSpan.FromMilliseconds(200));
        coordination.Noticed += heard.Enqueue;
        _ = coordination.RunAsync(_stopping.Token);
        _opened.Add(coordination);
        return coordination;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail("The condition did not come true before the deadline.");
            await Task.Delay(20);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var opened in _opened) await opened.DisposeAsync();
        _stopping.Dispose();
    }
}
