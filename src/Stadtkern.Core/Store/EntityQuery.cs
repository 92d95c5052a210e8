using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace Stadtkern.Store;

/// <summary>What a store needs to find entities: coarse selectors it can answer from its indexes, and an exact filter the core evaluates.</summary>
public sealed record EntityQuery(string Tenant)
{
    /// <summary>Exact entity ids, or null for any.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }

    /// <summary>Expanded types of which an entity must have at least one, or null for any.</summary>
    public IReadOnlyCollection<string>? AnyOfTypes { get; init; }

    /// <summary>Only entities whose <c>location</c> bounding box intersects this box (lon/lat degrees).</summary>
    public Envelope? LocationBox { get; init; }

    /// <summary>The parsed <c>q</c>, for stores that can narrow candidates with a value index; the exact filter still decides.</summary>
    public Query.QueryExpression? Q { get; init; }

    /// <summary>Expands a vocabulary term as the request's context does (q compares vocab values in both forms).</summary>
    public Func<string, string>? ExpandTerm { get; init; }

    /// <summary>The exact filter (id pattern, type expression, q, scopeQ, geo-query); null accepts every candidate.</summary>
    public Func<JsonObject, bool>? Filter { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 20;

    /// <summary>Whether the total number of matches is needed (NGSILD-Results-Count).</summary>
    public bool Count { get; init; }
}

/// <summary>A page of matching entities in stable order, and the total when it was asked for.</summary>
public sealed record EntityPage(IReadOnlyList<JsonObject> Entities, long? Total);

/// <summary>An entity type in use, with the expanded attribute names its entities carry.</summary>
public sealed record TypeUsage(string Type, long EntityCount, IReadOnlyDictionary<string, IReadOnlySet<string>> Attributes);
