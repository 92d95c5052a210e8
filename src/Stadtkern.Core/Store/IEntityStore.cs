using System.Text.Json.Nodes;

namespace Stadtkern.Store;

/// <summary>The storage contract every backend implements: entities with their history, written through one serialised, durable write path.</summary>
public interface IEntityStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema.</summary>
    Task InitializeAsync(CancellationToken cancellation);

    /// <summary>Reads one entity in stored form, or null.</summary>
    Task<JsonObject?> GetAsync(string tenant, string id, CancellationToken cancellation);

    /// <summary>Finds entities in a stable order (insertion order).</summary>
    Task<EntityPage> QueryAsync(EntityQuery query, CancellationToken cancellation);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction. The task completes only after the transaction is durably committed;
    /// when the work throws, nothing it did is kept and the exception reaches the caller. Backends may commit several callers' work
    /// in one transaction (group commit), each isolated by a savepoint.
    /// </summary>
    Task<T> WriteAsync<T>(string tenant, Func<IEntityTransaction, T> work, CancellationToken cancellation);

    /// <summary>The tenants that hold or held data.</summary>
    Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellation);

    /// <summary>Entity types of a tenant with their attributes (for /types and /attributes).</summary>
    Task<IReadOnlyList<TypeUsage>> TypesAsync(string tenant, CancellationToken cancellation);

    /// <summary>How many attribute instances of each name a tenant's entities hold (attributeCount of /attributes).</summary>
    Task<IReadOnlyDictionary<string, long>> AttributeCountsAsync(string tenant, CancellationToken cancellation);

    /// <summary>Number of entities per tenant and type, for the status page.</summary>
    Task<IReadOnlyList<(string Tenant, string Type, long Count)>> CountsAsync(CancellationToken cancellation);

    /// <summary>Human-readable name of the backend (for the status page).</summary>
    string Description { get; }
}

/// <summary>The operations available inside a write transaction, on one tenant.</summary>
public interface IEntityTransaction
{
    JsonObject? Get(string id);

    void Insert(JsonObject entity);

    void Replace(JsonObject entity);

    bool Delete(string id);

    /// <summary>Records attribute instances in the history (the temporal representation).</summary>
    void AppendHistory(string entityId, string attribute, JsonObject instance, DateTimeOffset recordedAt);
}
