namespace Stadtkern.Subscriptions;

/// <summary>
/// A notification ready to send: the HTTP body without <c>notifiedAt</c> (set when it is sent), the target and the headers
/// (Content-Type, Link, receiverInfo, NGSILD-Tenant). Everything delivery needs is in it, so a restart loses nothing.
/// </summary>
public sealed record OutboxMessage(string Tenant, string SubscriptionId, string Uri, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset QueuedAt)
{
    /// <summary>The endpoint's notifierInfo: how the notifier sends it (for MQTT the version and QoS).</summary>
    public IReadOnlyDictionary<string, string> NotifierInfo { get; init; } = new Dictionary<string, string>();
}

/// <summary>An outbox row: a message and its place in the outbox.</summary>
public sealed record OutboxEntry(long Seq, OutboxMessage Message);

/// <summary>
/// A write transaction that can also record notifications, so that they commit or roll back with the change that caused
/// them. The entity transactions of a store that supports subscriptions implement it.
/// </summary>
public interface IOutboxTransaction
{
    void EnqueueNotification(OutboxMessage message);
}
