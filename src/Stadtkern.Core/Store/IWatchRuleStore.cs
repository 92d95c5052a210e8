using System.Text.Json.Nodes;

namespace Stadtkern.Store;

/// <summary>Durable storage of the watch rules managed over the API, per tenant, each as its JSON document.</summary>
public interface IWatchRuleStore
{
    /// <summary>Every stored rule of every tenant, in creation order.</summary>
    Task<IReadOnlyList<(string Tenant, JsonObject Document)>> ListWatchRulesAsync(CancellationToken cancellation);

    /// <summary>Stores a rule, replacing the tenant's rule of the same id.</summary>
    Task PutWatchRuleAsync(string tenant, string id, JsonObject document, DateTimeOffset at, CancellationToken cancellation);

    /// <summary>Deletes a rule; false when the tenant has none with that id.</summary>
    Task<bool> DeleteWatchRuleAsync(string tenant, string id, CancellationToken cancellation);
}
