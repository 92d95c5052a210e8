namespace Stadtkern.Warnings;

public sealed partial class WarningService
{
    /// <summary>
    /// The warnings in force now, newest first: published Alerts and Updates that no later published Update or Cancel
    /// replaces and that have not expired. Cancel messages themselves are served as XML but are not "current".
    /// </summary>
    public async Task<IReadOnlyList<Warning>> CurrentAsync(CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var published = (await store.ListWarningsAsync(cancellation)).Where(w => w.State == WarningState.Published).ToList();
        var replaced = published.SelectMany(w => w.Alert.References ?? []).ToHashSet(StringComparer.Ordinal);
        return published
            .Where(w => w.Alert.MsgType != "Cancel" && !replaced.Contains(w.Id) && !(w.Expires <= now))
            .OrderByDescending(w => w.Sent)
            .ToList();
    }

    /// <summary>The current warnings and when that set last changed: the newest publication (a Cancel removes entries too) or the latest expiry already passed.</summary>
    public async Task<(IReadOnlyList<Warning> Current, DateTimeOffset Updated)> FeedAsync(CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var current = await CurrentAsync(cancellation);
        var changes = (await store.ListWarningsAsync(cancellation))
            .Where(w => w.State == WarningState.Published)
            .SelectMany(w => new[] { w.Sent, w.Expires <= now ? w.Expires : null })
            .OfType<DateTimeOffset>();
        return (current, changes.DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max());
    }

    /// <summary>The CAP references of a published Update or Cancel, <c>sender,identifier,sent</c> each.</summary>
    public async Task<IReadOnlyList<string>> CapReferencesAsync(Warning warning, CancellationToken cancellation)
    {
        var references = new List<string>();
        foreach (var id in warning.Alert.References ?? [])
            references.Add((await PublishedAsync(id, cancellation)).CapReference!);
        return references;
    }
}
