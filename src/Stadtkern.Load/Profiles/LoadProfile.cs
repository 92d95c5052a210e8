namespace Stadtkern.Load.Profiles;

/// <summary>What a run of <c>stadtkern bench</c> sends: prepared once (entities loaded, subscriptions made), then request k for every k.</summary>
public abstract class LoadProfile : IAsyncDisposable
{
    /// <summary>The profile's name on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>Entities written by one request (0 for reads), for entities per second and the raw store ratio.</summary>
    public virtual int WritesPerRequest => 0;

    /// <summary>Loads what the requests need; says what it does through <paramref name="log"/>.</summary>
    public virtual Task PrepareAsync(Action<string> log, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>Sends request k; throws when it got no answer.</summary>
    public abstract Task<RequestOutcome> SendAsync(long k, CancellationToken cancellation);

    /// <summary>Figures of the profile's own beside the requests (e.g. notifications received), by name.</summary>
    public virtual IReadOnlyDictionary<string, double> Figures() => new Dictionary<string, double>();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
