using System.Collections.Concurrent;
using Stadtkern.Store;

namespace Stadtkern.Tests.Support;

/// <summary>An in-memory <see cref="IContextRegistry"/> for unit tests of the context resolver.</summary>
public sealed class MemoryContextRegistry : IContextRegistry
{
    private readonly ConcurrentDictionary<string, HostedContext> _contexts = new(StringComparer.Ordinal);

    public Task AddAsync(HostedContext context, CancellationToken cancellation)
    {
        _contexts[context.Id] = context;
        return Task.CompletedTask;
    }

    public Task<HostedContext?> GetAsync(string id, CancellationToken cancellation) => Task.FromResult(_contexts.GetValueOrDefault(id));

    public Task<IReadOnlyList<HostedContext>> ListAsync(CancellationToken cancellation) => Task.FromResult<IReadOnlyList<HostedContext>>([.. _contexts.Values]);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellation) => Task.FromResult(_contexts.TryRemove(id, out _));
}
