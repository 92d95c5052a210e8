namespace Stadtkern.Nodes;

/// <summary>What another node changed in the shared store, so that this node's in-memory copies follow.</summary>
public enum NodeNoticeKind
{
    /// <summary>A subscription was created, replaced or deleted (<see cref="NodeNotice.Tenant"/> and <see cref="NodeNotice.Id"/> name it when known).</summary>
    Subscription,

    /// <summary>The stored mapping rules changed.</summary>
    MappingRules,

    /// <summary>The stored watch rules changed.</summary>
    WatchRules,

    /// <summary>A hosted @context was stored or deleted.</summary>
    Contexts,

    /// <summary>Notifications were written to the outbox.</summary>
    Outbox,

    /// <summary>Notices may have been missed (the listening connection was lost): reload everything.</summary>
    Everything,
}

/// <summary>One change announced by a node; a null id means "all of that kind".</summary>
public sealed record NodeNotice(NodeNoticeKind Kind, string? Tenant = null, string? Id = null);

/// <summary>
/// How the Stadtkern processes that share one store work as one broker: which of them runs the scheduled jobs (the
/// leader), and what the others changed in the store, so that each node's caches stay coherent. One process on the
/// embedded store is always the leader and hears nothing (<see cref="SingleNode"/>).
/// </summary>
public interface INodeCoordination : IAsyncDisposable
{
    /// <summary>This node's name among the nodes (also the owner of its delivery leases).</summary>
    string NodeId { get; }

    /// <summary>True while this node may run the scheduled jobs; another node takes over when this one is gone.</summary>
    bool IsLeader { get; }

    /// <summary>Raised (on a background thread) for every change another node made.</summary>
    event Action<NodeNotice>? Noticed;

    /// <summary>Keeps the coordination going (listening, leadership) until <paramref name="stopping"/>.</summary>
    Task RunAsync(CancellationToken stopping);
}

/// <summary>The only node: always the leader, and nobody else changes the store.</summary>
public sealed class SingleNode : INodeCoordination
{
    public string NodeId { get; } = "single";

    public bool IsLeader => true;

    public event Action<NodeNotice>? Noticed
    {
        add { }
        remove { }
    }

    public Task RunAsync(CancellationToken stopping) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
