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

    /// <summary>
    /// Records an attribute instance in the entity's temporal representation, which must exist (<see cref="Insert"/> and
    /// <see cref="TrackTemporal"/> make it). Rows may be buffered until the work item ends.
    /// </summary>
    void AppendHistory(string entityId, string attribute, JsonObject instance, DateTimeOffset recordedAt);

    /// <summary>
    /// Records an instance as <see cref="AppendHistory"/> does, except that an instance of the same series observed at the same
    /// instant is replaced rather than kept twice (the temporal API's create-or-update).
    /// </summary>
    void PutInstance(string entityId, string attribute, JsonObject instance, DateTimeOffset recordedAt);

    /// <summary>The expanded types of a temporal representation, or null when there is none.</summary>
    JsonArray? TemporalTypes(string entityId);

    /// <summary>Makes or refreshes the temporal representation's identity (types; scope when given) without touching the entity itself.</summary>
    void TrackTemporal(string entityId, JsonArray types, JsonNode? scope, DateTimeOffset at);

    /// <summary>Deletes a temporal representation with all its instances; false when there was none.</summary>
    bool DeleteTemporal(string entityId);

    /// <summary>Deletes the instances of one attribute: of one datasetId (null: the default instance), or of every datasetId when <paramref name="allDatasets"/>. Returns how many.</summary>
    int DeleteTemporalAttribute(string entityId, string attribute, string? datasetId, bool allDatasets);

    /// <summary>Replaces one instance; false when the entity, attribute or instance is unknown.</summary>
    bool ReplaceInstance(string entityId, string attribute, string instanceId, JsonObject instance, DateTimeOffset at);

    /// <summary>Deletes one instance; false when the entity, attribute or instance is unknown.</summary>
    bool DeleteInstance(string entityId, string attribute, string instanceId);

    /// <summary>
    /// Ids of the tenant's entities in which each named attribute (expanded) has the given text among its values, as this
    /// transaction sees them, at most <paramref name="limit"/>, in no particular order.
    /// </summary>
    IReadOnlyList<string> FindByText(IReadOnlyList<(string Attribute, string Text)> values, int limit);
}
