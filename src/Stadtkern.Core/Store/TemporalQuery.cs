using System.Text.Json.Nodes;

namespace Stadtkern.Store;

/// <summary>Which instant of an attribute instance a temporal query looks at (<c>timeproperty</c>).</summary>
public enum TimeProperty
{
    ObservedAt,
    CreatedAt,
    ModifiedAt,
    DeletedAt,
}

/// <summary>A time window over one time property: instances with <c>From &lt;= t &lt; Until</c> (either end open when null).</summary>
public sealed record TimeWindow(TimeProperty Property, DateTimeOffset? From, DateTimeOffset? Until, bool FromExclusive = false);

/// <summary>What a store needs to read temporal representations: coarse selectors for its indexes, a window, and exact filters the core evaluates.</summary>
public sealed record TemporalQuery(string Tenant)
{
    /// <summary>Exact entity ids, or null for any.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }

    /// <summary>Expanded types of which an entity must have at least one, or null for any.</summary>
    public IReadOnlyCollection<string>? AnyOfTypes { get; init; }

    /// <summary>Exact filter on the entity's identity (id pattern, type expression, scope) before any instance is read.</summary>
    public Func<TemporalEntity, bool>? HeaderFilter { get; init; }

    /// <summary>Expanded attribute names to read, or null for all.</summary>
    public IReadOnlyCollection<string>? Attributes { get; init; }

    /// <summary>Only instances inside this window (null: all).</summary>
    public TimeWindow? Window { get; init; }

    /// <summary>The order instances are read in; also the property <see cref="Window"/> looks at when it has none of its own.</summary>
    public TimeProperty OrderBy { get; init; } = TimeProperty.ObservedAt;

    /// <summary>Only the last N instances of each series (inside the window).</summary>
    public int? LastN { get; init; }

    /// <summary>At most this many instances per series; a series cut there is marked <see cref="TemporalSeries.Truncated"/>.</summary>
    public int? InstanceLimit { get; init; }

    /// <summary>Read only what aggregation needs: times and numeric values, the JSON only of non-numeric instances.</summary>
    public bool ValuesOnly { get; init; }

    /// <summary>
    /// Numeric aggregation the store may do itself: periods of this fixed length over observedAt, anchored at the window's
    /// start or else each series' first instance. A store that cannot (or a series with non-numeric values) returns instances.
    /// </summary>
    public TimeSpan? BucketPeriod { get; init; }

    /// <summary>Exact filter over the entity with its instances in the window (q, geo-query); null accepts every candidate.</summary>
    public Func<TemporalEntity, bool>? Filter { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 20;

    public bool Count { get; init; }
}

/// <summary>A page of temporal representations in stable (creation) order, and the total when it was asked for.</summary>
public sealed record TemporalPage(IReadOnlyList<TemporalEntity> Entities, long? Total);

/// <summary>The temporal representation of one entity: its identity and its attribute series.</summary>
public sealed record TemporalEntity(string Id, JsonArray Types, JsonNode? Scope, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt)
{
    public IReadOnlyList<TemporalSeries> Series { get; init; } = [];
}

/// <summary>The instances of one attribute (and datasetId) in time order.</summary>
public sealed record TemporalSeries(string Attribute, string? DatasetId, IReadOnlyList<TemporalInstance> Instances, bool Truncated = false)
{
    /// <summary>The series already aggregated by the store (see <see cref="TemporalQuery.BucketPeriod"/>), or null.</summary>
    public IReadOnlyList<TemporalBucket>? Buckets { get; init; }
}

/// <summary>The numeric summary of one aggregation period <c>[Start, Start + period)</c>; periods without instances are absent.</summary>
public sealed record TemporalBucket(DateTimeOffset Start, long Count, double Sum, double SumOfSquares, double Min, double Max);

/// <summary>
/// One attribute instance, with the instant of the query's time property (<see cref="TemporalQuery.OrderBy"/>).
/// <see cref="Instance"/> is null when only values were read and the value is numeric.
/// </summary>
public sealed record TemporalInstance(string InstanceId, DateTimeOffset? At, double? Number, JsonObject? Instance);

/// <summary>Reads temporal representations (the temporal API's read side).</summary>
public interface ITemporalStore
{
    Task<TemporalPage> QueryTemporalAsync(TemporalQuery query, CancellationToken cancellation);
}
