using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.Store;

namespace Stadtkern.Warnings;

/// <summary>
/// The one path for public warnings: compose a draft (by hand or from an alarm), approve it as a second person, publish it,
/// and follow it with an Update or Cancel. Every change is stored with who made it and when.
/// </summary>
public sealed partial class WarningService(IWarningStore store, EntityService entities, StadtkernOptions options, TimeProvider time)
{
    public async Task<Warning> CreateDraftAsync(AlertDocument alert, string user, CancellationToken cancellation)
    {
        await CheckAsync(alert, cancellation);
        var now = time.GetUtcNow();
        var warning = new Warning(Guid.CreateVersion7(now).ToString("N"), WarningState.Draft, alert, user, [user], null, null, null, now, 1);
        await store.CreateWarningAsync(warning, new WarningEvent(warning.Id, "created", user, now, alert), cancellation);
        return warning;
    }

    /// <summary>Replaces a draft's content; whoever revises it becomes one of its authors and so cannot approve it.</summary>
    public async Task<Warning> ReviseDraftAsync(string id, AlertDocument alert, string user, CancellationToken cancellation)
    {
        var warning = await GetAsync(id, cancellation);
        if (warning.State != WarningState.Draft)
            throw Conflict($"Warning {id} is {Name(warning.State)} and can no longer be changed; publish it and send an Update instead.");
        await CheckAsync(alert, cancellation);
        var authors = warning.Authors.Contains(user) ? warning.Authors : [.. warning.Authors, user];
        return await SaveAsync(warning with { Alert = alert, Authors = authors }, "revised", user, cancellation);
    }

    /// <summary>The four-eyes step: someone who did not write the draft approves it.</summary>
    public async Task<Warning> ApproveAsync(string id, string user, CancellationToken cancellation)
    {
        var warning = await GetAsync(id, cancellation);
        if (warning.State != WarningState.Draft) throw Conflict($"Warning {id} is {Name(warning.State)}; only a draft can be approved.");
        if (warning.Authors.Contains(user))
            throw Conflict($"Four-eyes rule: {user} wrote warning {id} and cannot approve it; a second person must approve it.");
        await CheckAsync(warning.Alert, cancellation);
        return await SaveAsync(warning with { State = WarningState.Approved, ApprovedBy = user }, "approved", user, cancellation);
    }

    /// <summary>Publishes an approved warning: it gets its sent time and appears at <c>/cap/alerts/{id}.xml</c> and, while current, in the feed.</summary>
    public async Task<Warning> PublishAsync(string id, string user, CancellationToken cancellation)
    {
        var warning = await GetAsync(id, cancellation);
        if (warning.State != WarningState.Approved)
            throw Conflict($"Warning {id} is {Name(warning.State)}; it must be approved by a second person before it is published.");
        await CheckAsync(warning.Alert, cancellation);
        // CAP's sent has whole seconds; the stored and the served time must be the same instant.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        if (warning.Expires is { } expires && expires <= now) throw Conflict($"Warning {id} expired at {CapVocabulary.FormatTime(expires)}; it is not published.");
        return await SaveAsync(warning with { State = WarningState.Published, PublishedBy = user, Sent = now }, "published", user, cancellation);
    }

    /// <summary>Starts an Update or Cancel of a published warning as a new draft that references it; its content is <paramref name="alert"/> or a copy of the original.</summary>
    public async Task<Warning> FollowUpAsync(string id, string msgType, AlertDocument? alert, string user, CancellationToken cancellation)
    {
        var original = await PublishedAsync(id, cancellation);
        var draft = alert ?? original.Alert.Copy();
        draft.MsgType = msgType;
        draft.References = [original.Id];
        return await CreateDraftAsync(draft, user, cancellation);
    }

    public async Task<Warning> GetAsync(string id, CancellationToken cancellation) =>
        await store.GetWarningAsync(id, cancellation) ?? throw NgsiLdException.NotFound($"Warning {id} was not found.");

    /// <summary>A published warning; NotFound for drafts, so that nothing unreleased is ever served publicly.</summary>
    public async Task<Warning> PublishedAsync(string id, CancellationToken cancellation) =>
        await store.GetWarningAsync(id, cancellation) is { State: WarningState.Published } warning
            ? warning
            : throw NgsiLdException.NotFound($"There is no published warning {id}.");

    public Task<IReadOnlyList<Warning>> ListAsync(CancellationToken cancellation) => store.ListWarningsAsync(cancellation);

    public async Task<IReadOnlyList<WarningEvent>> HistoryAsync(string id, CancellationToken cancellation)
    {
        await GetAsync(id, cancellation);
        return await store.WarningHistoryAsync(id, cancellation);
    }

    private async Task<Warning> SaveAsync(Warning changed, string action, string user, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var saved = changed with { ModifiedAt = now, Version = changed.Version + 1 };
        if (!await store.SaveWarningAsync(saved, changed.Version, new WarningEvent(saved.Id, action, user, now, saved.Alert), cancellation))
            throw Conflict($"Warning {changed.Id} was changed by someone else meanwhile; read it again.");
        return saved;
    }

    /// <summary>CAP rules, and that an Update or Cancel names published warnings that nothing has cancelled yet.</summary>
    private async Task CheckAsync(AlertDocument alert, CancellationToken cancellation)
    {
        AlertValidation.Check(alert);
        var all = await store.ListWarningsAsync(cancellation);
        foreach (var reference in alert.References ?? [])
        {
            if (all.FirstOrDefault(w => w.Id == reference) is not { State: WarningState.Published } target)
                throw NgsiLdException.BadData($"references names {reference}, which is not a published warning.");
            if (target.Alert.MsgType == "Cancel" || all.Any(w => w.State == WarningState.Published && w.Alert.MsgType == "Cancel" && (w.Alert.References ?? []).Contains(reference)))
                throw NgsiLdException.BadData($"references names {reference}, which is cancelled.");
        }
    }

    private static NgsiLdException Conflict(string detail) => new(ErrorType.Conflict, detail);

    private static string Name(WarningState state) => state.ToString().ToLowerInvariant();
}
