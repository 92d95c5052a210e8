using System.Text.Json.Nodes;

namespace Stadtkern.Store;

/// <summary>A mapping rule as the store keeps it: its document (the API's JSON form) and its system dates.</summary>
public sealed record StoredMappingRule(string Id, JsonObject Document, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt);

/// <summary>Durable storage of the MQTT mapping rules managed over the API (rules are not per tenant: the topic space is one).</summary>
public interface IMappingRuleStore
{
    /// <summary>Stores a new rule; AlreadyExists when one has that id.</summary>
    Task CreateMappingRuleAsync(StoredMappingRule rule, CancellationToken cancellation);

    /// <summary>Every stored rule, in creation order.</summary>
    Task<IReadOnlyList<StoredMappingRule>> ListMappingRulesAsync(CancellationToken cancellation);

    /// <summary>Replaces a rule's document; false when there is no rule with that id.</summary>
    Task<bool> ReplaceMappingRuleAsync(string id, JsonObject document, DateTimeOffset modifiedAt, CancellationToken cancellation);

    /// <summary>Deletes a rule; false when there is none with that id.</summary>
    Task<bool> DeleteMappingRuleAsync(string id, CancellationToken cancellation);
}
