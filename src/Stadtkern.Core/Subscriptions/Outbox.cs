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

/// <summary>
/// How an outbox row keeps a message's headers and notifierInfo, on every backend: a JSON object of names to values
/// (the MQTT binding sends the headers in the same form as its <c>metadata</c>). Names compare case-insensitively.
/// </summary>
public static class OutboxPairs
{
    public static string Write(IReadOnlyDictionary<string, string> pairs) =>
        new System.Text.Json.Nodes.JsonObject(pairs.Select(h => KeyValuePair.Create(h.Key, (System.Text.Json.Nodes.JsonNode?)h.Value))).ToJsonString();

    /// <summary>Reads a column written by <see cref="Write"/>; NULL is none.</summary>
    public static IReadOnlyDictionary<string, string> Read(string? json) => json is null
        ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        : ((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(json)!)
            .ToDictionary(h => h.Key, h => h.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
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
