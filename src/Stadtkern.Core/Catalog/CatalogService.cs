using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Ledger;

namespace Stadtkern.Catalog;

/// <summary>
/// Defines, changes and withdraws datasets. Every change of the catalog is an entry in the integrity ledger (the
/// definition's hash and version), so that a consumer can prove what the catalog said and when.
/// </summary>
public sealed class CatalogService(ICatalogStore store, TransparencyLog ledger, TimeProvider time)
{
    public async Task<DatasetRecord> CreateAsync(JsonObject document, CancellationToken cancellation)
    {
        var definition = DatasetReader.Read(document);
        var now = time.GetUtcNow();
        var record = new DatasetRecord(definition.Id, definition.Document, 1, now, now);
        if (!await store.SaveDatasetAsync(record, 0, cancellation))
            throw new NgsiLdException(ErrorType.AlreadyExists, $"A dataset '{definition.Id}' exists (a withdrawn one keeps its id, since its releases stay verifiable).");
        await LogAsync(record, "created", cancellation);
        return record;
    }

    /// <summary>Replaces a definition; with <paramref name="expectedVersion"/> only when nobody changed it meanwhile.</summary>
    public async Task<DatasetRecord> ReplaceAsync(string id, JsonObject document, int? expectedVersion, CancellationToken cancellation)
    {
        var definition = DatasetReader.Read(document, id);
        var current = await GetAsync(id, cancellation);
        if (current.WithdrawnAt is not null) throw NgsiLdException.BadData($"The dataset '{id}' is withdrawn and cannot change.");
        if (expectedVersion is { } v && v != current.Version)
            throw new NgsiLdException(ErrorType.Conflict, $"The dataset '{id}' is at version {current.Version}, not {v}.");
        var record = current with { Document = definition.Document, Version = current.Version + 1, ModifiedAt = time.GetUtcNow() };
        if (!await store.SaveDatasetAsync(record, current.Version, cancellation))
            throw new NgsiLdException(ErrorType.Conflict, $"The dataset '{id}' was changed by someone else; read it again.");
        await LogAsync(record, "updated", cancellation);
        return record;
    }

    /// <summary>Withdraws a dataset: it leaves the catalog; its releases stay downloadable and verifiable.</summary>
    public async Task WithdrawAsync(string id, CancellationToken cancellation)
    {
        var current = await GetAsync(id, cancellation);
        if (current.WithdrawnAt is not null) return;
        var now = time.GetUtcNow();
        var record = current with { Version = current.Version + 1, ModifiedAt = now, WithdrawnAt = now };
        if (!await store.SaveDatasetAsync(record, current.Version, cancellation))
            throw new NgsiLdException(ErrorType.Conflict, $"The dataset '{id}' was changed by someone else; try again.");
        await LogAsync(record, "withdrawn", cancellation);
    }

    public async Task<DatasetRecord> GetAsync(string id, CancellationToken cancellation) =>
        await store.GetDatasetAsync(id, cancellation) ?? throw NgsiLdException.NotFound($"There is no dataset '{id}'.");

    private Task LogAsync(DatasetRecord record, string change, CancellationToken cancellation) =>
        ledger.AppendAsync([(CatalogChange.LedgerKind,
            CatalogChange.Write(record.Id, change, record.Version, record.ModifiedAt, Encoding.UTF8.GetBytes(record.Document.ToJsonString())))],
            record.ModifiedAt, cancellation);
}
