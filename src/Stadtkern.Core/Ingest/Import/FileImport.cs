using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Lake;

namespace Stadtkern.Ingest.Import;

/// <summary>
/// Imports a file (CSV, GeoJSON, NGSI-LD) as entities, streamed: the mapping and then the file, chunk by chunk, are kept in
/// the raw lake (source <c>import</c>) before they are read; rows become entities that are upserted through the entity
/// service in bounded batches, so history and subscriptions see them as any other change. Refused rows are counted, listed
/// (the first ones) with their line and reason, and kept as dead letters.
/// </summary>
public sealed class FileImport(EntityService entities, ContextResolver contexts, IngestService ingest, TimeProvider time, RawLake? lake = null)
{
    public const string Source = "import";
    public const int EntitiesPerBatch = 500;
    public const int ChunkBytes = 4 * 1024 * 1024;
    public const int MaxListed = 1000;
    private readonly EntityService _entities = entities;
    private readonly ContextResolver _contexts = contexts;
    private readonly IngestService _ingest = ingest;
    private readonly TimeProvider _time = time;

    /// <summary>Runs an import. A bad mapping, or a file whose start does not fit it, throws before anything is applied.</summary>
    public async Task<ImportResult> RunAsync(string tenant, Stream file, ImportMapping mapping, IProgress<ImportProgress>? progress, CancellationToken cancellation)
    {
        mapping.Validate();
        var context = mapping.Context is { } url ? await _contexts.ResolveAsync(JsonValue.Create(url), cancellation) : JsonLdContext.Core;
        var run = new Run(this, tenant, mapping, context, progress, $"{Source}/{Guid.NewGuid():N}");
        await KeepAsync(run, "mapping", "application/json", Encoding.UTF8.GetBytes(mapping.ToJson()), cancellation);
        await using var tee = new LakeTee(file, (bytes, offset, c) => KeepAsync(run, $"bytes {offset}-{offset + bytes.Length - 1}", mapping.Format.MediaType(), bytes.ToArray(), c),
            cutOnLines: mapping.Format != ImportFormat.GeoJson, ChunkBytes);
        run.Tee = tee;
        IAsyncEnumerable<ImportRow> rows;
        try
        {
            rows = mapping.Format switch
            {
                ImportFormat.Csv => await CsvRows.OpenAsync(tee, mapping, cancellation),
                ImportFormat.GeoJson => GeoJsonRows.ReadAsync(tee, mapping, cancellation),
                _ => NgsiLdRows.ReadAsync(tee, cancellation),
            };
        }
        catch (NgsiLdException e)
        {
            await RefusedAsync(run, e, cancellation);
            throw;
        }
        NgsiLdException? stopped = null;
        try
        {
            await foreach (var row in rows.WithCancellation(cancellation)) await run.AddAsync(row, cancellation);
        }
        catch (NgsiLdException e) when (run.Rows > 0)
        {
            stopped = e;
        }
        catch (NgsiLdException e)
        {
            await RefusedAsync(run, e, cancellation);
            throw;
        }
        await run.FlushAsync(cancellation);
        var summary = new JsonObject { ["rows"] = run.Rows, ["applied"] = run.Applied, ["rejected"] = run.Rejected, ["stopped"] = stopped?.Detail };
        await KeepAsync(run, "end", "application/json", Encoding.UTF8.GetBytes(summary.ToJsonString()), cancellation);
        return new ImportResult(run.Channel[(Source.Length + 1)..], run.Rows, run.Applied, run.Rejected, run.Rejections.OrderBy(r => r.Index).ToList(), stopped);
    }

    // The lake says how each import ended, refused ones too, so that a replay counts them as refused again.
    private Task RefusedAsync(Run run, NgsiLdException e, CancellationToken cancellation) =>
        KeepAsync(run, "end", "application/json", Encoding.UTF8.GetBytes(new JsonObject { ["refused"] = e.Detail }.ToJsonString()), cancellation);

    private async Task KeepAsync(Run run, string part, string contentType, byte[] payload, CancellationToken cancellation)
    {
        if (lake is not null) await lake.AppendAsync(new LakeRecord(_time.GetUtcNow(), Source, $"{run.Channel}#{part}", contentType, run.Tenant, payload), cancellation);
    }

    /// <summary>One import under way: the batch being gathered and the tally.</summary>
    private sealed class Run(FileImport owner, string tenant, ImportMapping mapping, JsonLdContext context, IProgress<ImportProgress>? progress, string channel)
    {
        private readonly List<ImportRow> _batch = [];
        private readonly List<ImportRejection> _rejections = [];
        private readonly List<Task> _deadLetters = [];

        public string Tenant => tenant;

        public string Channel => channel;

        public LakeTee? Tee { get; set; }

        public long Rows { get; private set; }

        public long Applied { get; private set; }

        public long Rejected { get; private set; }

        public IReadOnlyList<ImportRejection> Rejections => _rejections;

        public async Task AddAsync(ImportRow row, CancellationToken cancellation)
        {
            Rows++;
            if (row.Entity is null) Reject(row, null, row.Error!);
            else _batch.Add(row);
            if (_batch.Count >= EntitiesPerBatch) await FlushAsync(cancellation);
        }

        public async Task FlushAsync(CancellationToken cancellation)
        {
            if (_batch.Count > 0)
            {
                var bodies = new JsonArray(_batch.Select(r => (JsonNode)r.Entity!).ToArray());
                var result = await owner._entities.BatchUpsertAsync(tenant, bodies, UpsertMode.Update,
                    async body => body[Model.Members.Context] is { } own ? await owner._contexts.ResolveAsync(own, cancellation) : context, cancellation);
                Applied += result.Success.Count;
                owner._ingest.CountApplied(result.Success.Count);
                // Errors name entity ids; a file may update one entity in several rows, so each id names its rows in order.
                var rowsOf = _batch.ToLookup(r => r.Entity![Model.Members.Id] is JsonValue v && v.TryGetValue<string>(out var id) ? id : "", StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => new Queue<ImportRow>(g), StringComparer.Ordinal);
                foreach (var error in result.Errors)
                {
                    var row = rowsOf.TryGetValue(error.EntityId, out var queue) && queue.Count > 0 ? queue.Dequeue() : _batch[0];
                    Reject(row, error.EntityId.Length == 0 ? null : error.EntityId, error.Error);
                }
                _batch.Clear();
            }
            await Task.WhenAll(_deadLetters);
            _deadLetters.Clear();
            progress?.Report(new ImportProgress(Tee?.BytesRead ?? 0, Rows, Applied, Rejected));
        }

        private void Reject(ImportRow row, string? entityId, NgsiLdException error)
        {
            Rejected++;
            if (_rejections.Count < MaxListed) _rejections.Add(new ImportRejection(row.Line, row.Index, entityId, error));
            // Kept as dead letters with the batch, so that they share the lake's commits.
            var payload = Encoding.UTF8.GetBytes(row.Entity?.ToJsonString() ?? "");
            _deadLetters.Add(owner._ingest.RecordDeadLetterAsync(
                new LakeRecord(owner._time.GetUtcNow(), Source, $"{channel}#line {row.Line}", "application/json", tenant, payload),
                $"line {row.Line} ({mapping.Format.Name()} row {row.Index}): {error.Type}: {error.Detail}", CancellationToken.None));
        }
    }
}
