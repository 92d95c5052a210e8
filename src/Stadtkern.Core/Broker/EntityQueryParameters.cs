namespace Stadtkern.Broker;

/// <summary>The entity selection and paging parameters of a query, as the API receives them (names not yet expanded).</summary>
public sealed record EntityQueryParameters
{
    public IReadOnlyList<string>? Ids { get; init; }

    public string? IdPattern { get; init; }

    public string? Type { get; init; }

    public IReadOnlyList<string>? Attrs { get; init; }

    public string? Q { get; init; }

    public string? ScopeQ { get; init; }

    public string? GeoRel { get; init; }

    public string? Geometry { get; init; }

    public string? Coordinates { get; init; }

    public string? GeoProperty { get; init; }

    public int? Limit { get; init; }

    public int? Offset { get; init; }

    public bool Count { get; init; }

    /// <summary>True when no selector a query needs is given: ids alone are not enough (clause 5.7.2 asks for a type, attrs, q, geo-query or scopeQ).</summary>
    public bool SelectsNothing => Type is null && Attrs is null && Q is null && GeoRel is null && ScopeQ is null;

    /// <summary>Sort order (<c>orderBy</c>, v1.9): comma-separated paths, each optionally <c>;asc</c> or <c>;desc</c>.</summary>
    public string? OrderBy { get; init; }
}
