using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Temporal;

public sealed partial class TemporalService
{
    /// <summary>Retrieves one entity's temporal representation (GET /temporal/entities/{id}).</summary>
    public async Task<TemporalResult> RetrieveAsync(string tenant, string id, TemporalQueryParameters parameters, JsonLdContext context, CancellationToken cancellation)
    {
        EntityService.RequireUri(id);
        var window = TemporalWindow.Parse(parameters);
        var query = Build(tenant, parameters with { Entities = parameters.Entities with { Ids = [id] } }, window, context, requireInstances: false) with { Limit = 1 };
        var page = await temporal.QueryTemporalAsync(query, cancellation);
        if (page.Entities.Count == 0) throw NotFound(id);
        if (parameters.Entities.Attrs is not null && page.Entities[0].Series.Count == 0 && window.Window is null)
            throw NgsiLdException.NotFound($"Entity {id} has none of the requested attributes.");
        return Paged(page, window);
    }

    /// <summary>Queries temporal representations (GET /temporal/entities, POST /temporal/entityOperations/query).</summary>
    public async Task<TemporalResult> QueryAsync(string tenant, TemporalQueryParameters parameters, JsonLdContext context, CancellationToken cancellation)
    {
        var p = parameters.Entities;
        if (p.SelectsNothing && !parameters.Local)
            throw NgsiLdException.BadData("A temporal query needs at least one of type, attrs, q, georel or scopeQ.");
        if (p.Attrs is { } attrs && p.Type is null && p.Q is null && p.GeoRel is null && p.ScopeQ is null
            && attrs.All(a => a is Members.CreatedAt or Members.ModifiedAt or Members.DeletedAt or Members.ObservedAt))
            throw NgsiLdException.BadData("System attributes alone do not select entities.");
        var (limit, offset) = entities.Paging(p);
        var descending = p.OrderBy switch
        {
            null or "id" or "id;asc" => false,
            "id;desc" => true,
            _ => throw NgsiLdException.BadData($"orderBy '{p.OrderBy}': temporal queries can be ordered by id (id, id;asc, id;desc) only."),
        };
        var window = TemporalWindow.Parse(parameters);
        var query = Build(tenant, parameters with { Entities = p with { OrderBy = null } }, window, context, requireInstances: true)
            with { Limit = limit, Offset = offset, Count = p.Count };
        if (p.OrderBy is null) return Paged(await temporal.QueryTemporalAsync(query, cancellation), window);
        // Ordering by id needs every match; how many are sorted in memory is bounded.
        var all = await temporal.QueryTemporalAsync(query with { Limit = MaxSorted + 1, Offset = 0, Count = true }, cancellation);
        if (all.Total > MaxSorted) throw new NgsiLdException(ErrorType.TooManyResults, $"orderBy sorts at most {MaxSorted} entities; narrow the query.");
        var sorted = descending ? all.Entities.OrderByDescending(e => e.Id, StringComparer.Ordinal) : all.Entities.OrderBy(e => e.Id, StringComparer.Ordinal);
        return Paged(new TemporalPage(sorted.Skip(offset).Take(limit).ToList(), p.Count ? all.Total : null), window);
    }

    private const int MaxSorted = EntityService.MaxSorted;

    private TemporalQuery Build(string tenant, TemporalQueryParameters parameters, TemporalWindow window, JsonLdContext context, bool requireInstances)
    {
        var selection = entities.BuildQuery(tenant, parameters.Entities with { Attrs = null }, context);
        var attrs = parameters.Entities.Attrs?.Select(a => EntityReader.ExpandName(a, context)).ToHashSet(StringComparer.Ordinal);
        // q and geo-queries look at the instances in the window (an entity matches when one of them does); the rest at the identity.
        var needsInstances = parameters.Entities.Q is not null || parameters.Entities.GeoRel is not null;
        var filter = selection.Filter;
        Func<TemporalEntity, bool>? instanceFilter = null;
        var datasets = parameters.DatasetIds;
        if (needsInstances || attrs is not null || requireInstances || datasets is not null)
        {
            instanceFilter = e => (!needsInstances || filter!(TemporalEntities.AsEntity(e)))
                && (attrs is null || e.Series.Any(s => attrs.Contains(s.Attribute)))
                && (datasets is null || e.Series.Any(s => datasets.Contains(s.DatasetId ?? "@none")))
                && (!requireInstances || e.Series.Count > 0);
        }
        var limit = options.TemporalInstanceLimit;
        return new TemporalQuery(tenant)
        {
            Ids = selection.Ids,
            AnyOfTypes = selection.AnyOfTypes,
            HeaderFilter = filter is null || needsInstances ? null : e => filter(TemporalEntities.AsEntity(e)),
            Filter = instanceFilter,
            Attributes = needsInstances ? null : attrs,
            Window = window.Window,
            OrderBy = window.Property,
            LastN = window.LastN,
            // Aggregation reads every instance in the window; the instance limit pages the other representations.
            InstanceLimit = window.Aggregated || window.LastN <= limit ? null : limit,
            ValuesOnly = window.Aggregated && !needsInstances,
            // Fixed periods of numeric values over observedAt can be summed up by the store, without reading every instance.
            BucketPeriod = window.Aggregated && !needsInstances && window.Property == TimeProperty.ObservedAt
                && window.Period is { Years: 0, Months: 0 } period && period.Fixed >= TimeSpan.FromMicroseconds(1)
                && !window.Methods.Contains("distinctCount") ? period.Fixed : null,
        };
    }

    /// <summary>
    /// Temporal pagination (clause 6.3.10): when a series was cut at the instance limit, every series is trimmed to the
    /// time range that all of them cover completely, and that range is reported, so that the next request can start there.
    /// </summary>
    private static TemporalResult Paged(TemporalPage page, TemporalWindow window)
    {
        var cut = page.Entities.SelectMany(e => e.Series).Where(s => s.Truncated && s.Instances.Count > 0).ToList();
        if (cut.Count == 0) return new TemporalResult(page, window, null);
        var descending = window.LastN is not null;
        var w = window.Window;
        DateTimeOffset start, end;
        if (!descending)
        {
            start = w?.From ?? cut.Min(s => First(s));
            end = cut.Min(s => Last(s));
        }
        else
        {
            start = w is { From: null, Until: { } before } ? before : w is { From: not null, Until: { } until } ? until : cut.Max(s => Last(s));
            end = cut.Max(s => First(s));
        }
        var (low, high) = descending ? (end, start) : (start, end);
        var trimmed = page.Entities.Select(e => e with
        {
            Series = e.Series.Select(s => s with { Instances = s.Instances.Where(i => i.At is { } at && at >= low && at <= high).ToList() }).ToList(),
        }).ToList();
        return new TemporalResult(page with { Entities = trimmed }, window, new TemporalRange(start, end, window.LastN));
    }

    private static DateTimeOffset First(TemporalSeries series) => series.Instances[0].At ?? DateTimeOffset.MinValue;

    private static DateTimeOffset Last(TemporalSeries series) => series.Instances[^1].At ?? DateTimeOffset.MinValue;
}

/// <summary>A page of temporal representations with the window they were read in, and the range covered when the answer is partial.</summary>
public sealed record TemporalResult(TemporalPage Page, TemporalWindow Window, TemporalRange? Range);

/// <summary>The time range a partial temporal answer covers (Content-Range: date-time start-end/size).</summary>
public sealed record TemporalRange(DateTimeOffset Start, DateTimeOffset End, int? Size);
