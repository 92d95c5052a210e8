using System.Globalization;
using System.Text.Json.Nodes;
using Stadtkern.Anonymisation;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Temporal;

namespace Stadtkern.Catalog;

/// <summary>
/// The first step of a publication run: reads a dataset's rows from its source through the same read path as the API
/// (entity queries, temporal aggregation) or from its uploaded file. At most <see cref="MaxRows"/> rows.
/// </summary>
public sealed class DatasetExtraction(EntityService entities, TemporalService temporal, ContextResolver contexts, ICatalogStore catalog,
    StadtkernOptions options, TimeProvider time, Lake.RawLake? lake = null)
{
    public const int MaxRows = 5_000_000;

    public async Task<Table> ExtractAsync(DatasetDefinition dataset, CancellationToken cancellation) => dataset.Source switch
    {
        EntitySource s => await EntitiesAsync(s, cancellation),
        TemporalSource s => await AggregatedAsync(s, cancellation),
        UploadSource => await UploadAsync(dataset.Id, cancellation),
        LakeSource s => await LakeAsync(s, cancellation),
        _ => throw new InvalidOperationException("Unknown dataset source."),
    };

    private int PageSize => Math.Min(500, options.MaxPageSize);

    /// <summary>The source's @context (its attribute and type names are terms of it), or the core context.</summary>
    private async Task<JsonLdContext> ContextAsync(DatasetSource source, CancellationToken cancellation) =>
        source.Context is { } url ? await contexts.ResolveAsync(JsonValue.Create(url), cancellation) : JsonLdContext.Core;

    private async Task<Table> EntitiesAsync(EntitySource source, CancellationToken cancellation)
    {
        var context = await ContextAsync(source, cancellation);
        var parameters = Parameters(source.Query);
        var rows = new EntityRows(context);
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await entities.QueryAsync(source.Tenant, parameters with { Limit = PageSize, Offset = offset }, context, cancellation);
            foreach (var entity in page.Entities) rows.Add(entity);
            if (rows.Count > MaxRows) throw TooMany();
            if (page.Entities.Count < PageSize) break;
        }
        return rows.ToTable();
    }

    private async Task<Table> AggregatedAsync(TemporalSource source, CancellationToken cancellation)
    {
        var context = await ContextAsync(source, cancellation);
        IsoDuration.TryParse(source.Window, out var window);
        var end = time.GetUtcNow();
        var start = end - (window.After(end) - end);
        var parameters = new TemporalQueryParameters
        {
            Entities = Parameters(source.Query),
            TimeRel = "between",
            TimeAt = Validation.Format(start),
            EndTimeAt = Validation.Format(end),
            Aggregated = true,
            AggrMethods = source.Method,
            AggrPeriodDuration = source.Period,
        };
        var columns = new List<string> { "id", "type", "periodStart", "periodEnd" };
        var rows = new Dictionary<(string Id, string Start), object?[]>();
        var render = new RenderOptions(context);
        for (var offset = 0; ; offset += PageSize)
        {
            var result = await temporal.QueryAsync(source.Tenant, parameters with { Entities = parameters.Entities with { Limit = PageSize, Offset = offset } },
                context, cancellation);
            foreach (var entity in result.Page.Entities)
            {
                var rendered = TemporalRenderer.Render(entity, TemporalFormat.AggregatedValues, result.Window, render);
                var type = rendered[Members.Type] is JsonArray types ? string.Join(",", types) : rendered[Members.Type]?.ToString();
                foreach (var (name, node) in rendered)
                {
                    if (name is Members.Id or Members.Type or Members.Scope || node is not JsonObject attribute || attribute[source.Method] is not JsonArray triples) continue;
                    var column = columns.IndexOf(name);
                    if (column < 0) { columns.Add(name); column = columns.Count - 1; }
                    foreach (var triple in triples.OfType<JsonArray>())
                    {
                        if (triple.Count < 3) continue;
                        var key = (entity.Id, triple[1]!.ToString());
                        if (!rows.TryGetValue(key, out var row))
                        {
                            rows[key] = row = new object?[64];
                            row[0] = entity.Id;
                            row[1] = type;
                            row[2] = Instant(triple[1]);
                            row[3] = Instant(triple[2]);
                        }
                        if (column < row.Length) row[column] = triple[0] is JsonValue v && v.TryGetValue<double>(out var d) ? d : triple[0]?.ToString();
                    }
                }
                if (rows.Count > MaxRows) throw TooMany();
            }
            if (result.Page.Entities.Count < PageSize) break;
        }
        if (columns.Count > 64) throw NgsiLdException.BadData("A temporal dataset has at most 60 attributes; name them with 'attrs'.");
        var ordered = rows.OrderBy(r => r.Key.Id, StringComparer.Ordinal).ThenBy(r => r.Key.Start, StringComparer.Ordinal)
            .Select(r => r.Value[..columns.Count]).ToList();
        return new Table(columns, ordered);
    }

    private static DateTimeOffset? Instant(JsonNode? node) =>
        node?.ToString() is { } text && Validation.TryParseDateTime(text, out var at) ? at : null;

    private async Task<Table> UploadAsync(string datasetId, CancellationToken cancellation)
    {
        var file = await catalog.GetSourceFileAsync(datasetId, cancellation)
            ?? throw NgsiLdException.BadData($"The dataset '{datasetId}' reads an uploaded file, and none has been uploaded (PUT /stadtkern/v1/datasets/{datasetId}/source).");
        return CsvSource.Read(file.Body, MaxRows);
    }

    /// <summary>The partition's messages in arrival order: when, where from, their media type and hash, and the payload as text.</summary>
    private async Task<Table> LakeAsync(LakeSource source, CancellationToken cancellation)
    {
        if (lake is null) throw NgsiLdException.BadData("The raw data lake is switched off (RawLake = false), so a lake dataset has nothing to read.");
        var day = source.Day ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-source.DaysAgo);
        var rows = new List<object?[]>();
        await foreach (var record in lake.ReadAsync(source.Tenant, source.LakeSourceName, day, cancellation))
        {
            if (rows.Count == MaxRows) throw TooMany();
            rows.Add([record.ReceivedAt, record.Source, record.Channel, record.ContentType, record.Sha256, System.Text.Encoding.UTF8.GetString(record.Payload)]);
        }
        return new Table(["receivedAt", "source", "channel", "contentType", "payloadSha256", "payload"], rows);
    }

    private static EntityQueryParameters Parameters(IReadOnlyDictionary<string, string> q)
    {
        string? Get(string name) => q.TryGetValue(name, out var v) ? v : null;
        return new EntityQueryParameters
        {
            Ids = Get("id")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            IdPattern = Get("idPattern"),
            Type = Get("type"),
            Attrs = Get("attrs")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Q = Get("q"),
            ScopeQ = Get("scopeQ"),
            GeoRel = Get("georel"),
            Geometry = Get("geometry"),
            Coordinates = Get("coordinates"),
            GeoProperty = Get("geoproperty"),
        };
    }

    private static NgsiLdException TooMany() =>
        new(ErrorType.TooManyResults, string.Create(CultureInfo.InvariantCulture, $"A dataset has at most {MaxRows:N0} rows; narrow its source query."));
}
