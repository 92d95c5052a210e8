using System.Text.Json.Nodes;
using Stadtkern.Store;

namespace Stadtkern.Broker;

/// <summary>What happened to an entity in a write: created, updated or deleted, with its stored form before and after.</summary>
public sealed record EntityChange(string Tenant, string EntityId, EntityChangeKind Kind, JsonObject? Previous, JsonObject? Current, DateTimeOffset At);

/// <summary>The kinds of <see cref="EntityChange"/>.</summary>
public enum EntityChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// Sees every entity change inside the write transaction that makes it (so that what it records — a notification in an
/// outbox, an alarm — commits or rolls back with the change), and hears when that transaction has committed.
/// </summary>
public interface IEntityChangeObserver
{
    /// <summary>Whether changes in this tenant interest the observer at all (lets the service skip reading the previous state).</summary>
    bool Observes(string tenant);

    /// <summary>Called inside the transaction, after the change is applied.</summary>
    void OnChange(IEntityTransaction transaction, EntityChange change);

    /// <summary>Called after the transaction that carried changes of this tenant committed durably.</summary>
    void Committed(string tenant);

    /// <summary>
    /// Called on the writer right after a unit of work ended: <paramref name="applied"/> when its changes stand (they commit
    /// with the transaction), otherwise they were undone because the work failed. <paramref name="transaction"/> is the one
    /// <see cref="OnChange"/> was given, so an observer can drop or undo what it remembered of those changes.
    /// </summary>
    void WorkEnded(IEntityTransaction transaction, bool applied)
    {
    }
}
