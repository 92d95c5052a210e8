using System.Text.Json.Nodes;

namespace Stadtkern.Store;

/// <summary>A JSON-LD context the broker serves: registered (hosted) over <c>/jsonldContexts</c>, or created implicitly for a subscription.</summary>
public sealed record HostedContext(string Id, string Url, JsonObject Document, DateTimeOffset CreatedAt, ContextKind Kind = ContextKind.Hosted);

/// <summary>
/// The kinds of served contexts (clause 5.13): Hosted ones a client added; ImplicitlyCreated ones the broker made when a
/// subscription carried an inline @context, so that its notifications can name the @context by URL.
/// </summary>
public enum ContextKind
{
    Hosted,
    ImplicitlyCreated,
}

/// <summary>Durable storage of hosted contexts.</summary>
public interface IContextRegistry
{
    Task AddAsync(HostedContext context, CancellationToken cancellation);

    Task<HostedContext?> GetAsync(string id, CancellationToken cancellation);

    Task<IReadOnlyList<HostedContext>> ListAsync(CancellationToken cancellation);

    Task<bool> DeleteAsync(string id, CancellationToken cancellation);
}
