using System.Text.Json.Nodes;

namespace Stadtkern.Store;

/// <summary>A JSON-LD context the city registered (hosted) over <c>/jsonldContexts</c>.</summary>
public sealed record HostedContext(string Id, string Url, JsonObject Document, DateTimeOffset CreatedAt);

/// <summary>Durable storage of hosted contexts.</summary>
public interface IContextRegistry
{
    Task AddAsync(HostedContext context, CancellationToken cancellation);

    Task<HostedContext?> GetAsync(string id, CancellationToken cancellation);

    Task<IReadOnlyList<HostedContext>> ListAsync(CancellationToken cancellation);

    Task<bool> DeleteAsync(string id, CancellationToken cancellation);
}
