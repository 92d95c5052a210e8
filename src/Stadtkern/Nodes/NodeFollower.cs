using System.Threading.Channels;
using Stadtkern.Ingest.Mapping;
using Stadtkern.JsonLd;
using Stadtkern.Nodes;
using Stadtkern.Subscriptions;
using Stadtkern.Watch;

namespace Stadtkern.Host.Nodes;

/// <summary>
/// Keeps this node one broker with the others on the same database: runs the coordination (leadership, listening) and
/// brings the in-memory copies up to date with what other nodes changed: the subscription registry, the mapping and
/// watch rules, the @context cache, and wakes delivery when they wrote notifications. Entities, history and everything
/// else are read from the store on every request, so they need nothing. On the embedded store this does nothing.
/// </summary>
internal sealed partial class NodeFollower(INodeCoordination coordination, SubscriptionRegistry registry, MappingRules mappings, WatchRules watchRules,
    ContextResolver contexts, NotificationSignal signal, ILogger<NodeFollower> logger) : BackgroundService
{
    private const int MaxPending = 1000;

    // Bounded: when notices come faster than they are applied, they fold into one full reload.
    private readonly Channel<NodeNotice> _notices = Channel.CreateBounded<NodeNotice>(new BoundedChannelOptions(MaxPending) { SingleReader = true });
    private int _overflowed;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        coordination.Noticed += OnNoticed;
        if (coordination is Postgres.PostgresNodeCoordination postgres) postgres.Lost += e => LogLost(logger, e.Message);
        return base.StartAsync(cancellationToken);
    }

    private void OnNoticed(NodeNotice notice)
    {
        // Delivery is woken at once, not behind reloads.
        if (notice.Kind is NodeNoticeKind.Outbox or NodeNoticeKind.Everything) signal.Set();
        if (notice.Kind == NodeNoticeKind.Outbox) return;
        if (!_notices.Writer.TryWrite(notice)) Interlocked.Exchange(ref _overflowed, 1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = coordination.RunAsync(stoppingToken);
        try
        {
            await foreach (var notice in _notices.Reader.ReadAllAsync(stoppingToken))
            {
                var next = Interlocked.Exchange(ref _overflowed, 0) == 1 ? new NodeNotice(NodeNoticeKind.Everything) : notice;
                try
                {
                    await ApplyAsync(next, stoppingToken);
                }
                catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
                {
                    LogApplyFailed(logger, e, next.Kind.ToString());
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    _notices.Writer.TryWrite(new NodeNotice(NodeNoticeKind.Everything));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        await running;
    }

    private async Task ApplyAsync(NodeNotice notice, CancellationToken cancellation)
    {
        switch (notice.Kind)
        {
            case NodeNoticeKind.Subscription when notice is { Tenant: { } tenant, Id: { } id }:
                await registry.RefreshAsync(tenant, id, cancellation);
                break;
            case NodeNoticeKind.Subscription:
                await registry.ReloadAsync(cancellation);
                break;
            case NodeNoticeKind.MappingRules:
                await mappings.ReloadAsync(cancellation);
                break;
            case NodeNoticeKind.WatchRules:
                await watchRules.ReloadStoredAsync(cancellation);
                break;
            case NodeNoticeKind.Contexts:
                contexts.Invalidate();
                break;
            case NodeNoticeKind.Everything:
                await registry.ReloadAsync(cancellation);
                await mappings.ReloadAsync(cancellation);
                await watchRules.ReloadStoredAsync(cancellation);
                contexts.Invalidate();
                break;
        }
    }

    public override void Dispose()
    {
        coordination.Noticed -= OnNoticed;
        base.Dispose();
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Lost the connection that coordinates this node with the others ({Reason}); not leading the scheduled jobs until it is back")]
    private static partial void LogLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Error, Message = "Applying another node's change ({Kind}) failed; everything is read again")]
    private static partial void LogApplyFailed(ILogger logger, Exception error, string kind);
}
