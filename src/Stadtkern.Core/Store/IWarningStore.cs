using Stadtkern.Warnings;

namespace Stadtkern.Store;

/// <summary>Durable storage of public warnings and of every change made to them (warnings are not per tenant: a city warns once).</summary>
public interface IWarningStore
{
    /// <summary>Stores a new warning and its first event; AlreadyExists when one has that id.</summary>
    Task CreateWarningAsync(Warning warning, WarningEvent created, CancellationToken cancellation);

    /// <summary>Replaces a warning whose stored version is <paramref name="expectedVersion"/> and appends the event, in one transaction; false when the stored version differs (someone else changed it).</summary>
    Task<bool> SaveWarningAsync(Warning warning, int expectedVersion, WarningEvent change, CancellationToken cancellation);

    Task<Warning?> GetWarningAsync(string id, CancellationToken cancellation);

    /// <summary>Every warning, oldest first.</summary>
    Task<IReadOnlyList<Warning>> ListWarningsAsync(CancellationToken cancellation);

    /// <summary>A warning's events, oldest first.</summary>
    Task<IReadOnlyList<WarningEvent>> WarningHistoryAsync(string id, CancellationToken cancellation);
}
