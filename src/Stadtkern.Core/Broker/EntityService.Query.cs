using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stadtkern.Errors;
using Stadtkern.Geo;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Query;
using Stadtkern.Store;

namespace Stadtkern.Broker;

public sealed partial class EntityService
{
    /// <summary>Query entities (GET /entities, POST /entityOperations/query).</summary>
    public async Task<EntityPage> QueryAsync(string tenant, EntityQueryParameters parameters, JsonLdContext context, CancellationToken cancellation)
    {
        var (limit, offset) = Paging(parameters);
        var query = BuildQuery(tenant, parameters, context) with { Limit = limit, Offset = offset, Count = parameters.Count };
        if (parameters.OrderBy is null) return await store.QueryAsync(query, cancellation);
        var order = EntityOrder.Parse(parameters.OrderBy, context);
        // Sorting needs every match; the number sorted in memory is bounded.
        var all = await store.QueryAsync(query with { Limit = MaxSorted + 1, Offset = 0, Count = true }, cancellation);
        if (all.Total > MaxSorted)
            throw new NgsiLdException(ErrorType.TooManyResults, $"orderBy sorts at most {MaxSorted} entities; narrow the query.");
        var sorted = all.Entities.OrderBy(e => e, order).Skip(offset).Take(limit).ToList();
        return new EntityPage(sorted, parameters.Count ? all.Total : null);
    }

    /// <summary>Builds the store query: index-friendly selectors plus the exact filter.</summary>
    public EntityQuery BuildQuery(string tenant, EntityQueryParameters p, JsonLdContext context)
    {
        foreach (var id in p.Ids ?? []) RequireUri(id);
        Regex? idPattern = null;
        if (p.IdPattern is not null)
        {
            try { idPattern = new Regex(p.IdPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)); }
            catch (ArgumentException) { throw NgsiLdException.BadData($"idPattern '{p.IdPattern}' is not a valid regular expression."); }
        }
        var types = p.Type is null ? null : TypeExpression.Parse(p.Type, context);
        var q = p.Q is null ? null : QueryParser.Parse(p.Q, context);
        var scopeQ = p.ScopeQ is null ? null : ScopeQuery.Parse(p.ScopeQ);
        var geoProperty = p.GeoProperty is null ? CoreTerms.NgsiLd + "location" : EntityReader.ExpandName(p.GeoProperty, context);
        var geo = p.GeoRel is null && p.Geometry is null && p.Coordinates is null ? null : GeoQuery.Parse(p.GeoRel, p.Geometry, p.Coordinates, geoProperty);
        var attrs = p.Attrs?.Select(a => EntityReader.ExpandName(a, context)).ToArray();

        bool Filter(JsonObject entity)
        {
            if (idPattern is not null && !SafeMatch(idPattern, entity[Members.Id]!.GetValue<string>())) return false;
            if (types is not null && !types.Matches((entity[Members.Type] as JsonArray ?? []).Select(t => t!.GetValue<string>()))) return false;
            if (attrs is { Length: > 0 } && !attrs.Any(entity.ContainsKey)) return false;
            if (q is not null && !QueryEvaluator.Matches(q, entity, context)) return false;
            if (scopeQ is not null && !scopeQ.Matches(entity)) return false;
            if (geo is not null && !geo.Matches(entity)) return false;
            return true;
        }

        var needsFilter = idPattern is not null || types is not null || attrs is { Length: > 0 } || q is not null || scopeQ is not null || geo is not null;
        return new EntityQuery(tenant)
        {
            Ids = p.Ids,
            Q = q,
            ExpandTerm = context.Expand,
            AnyOfTypes = types?.AllTypes,
            LocationBox = geo is not null && geo.Property == CoreTerms.NgsiLd + "location" ? geo.SearchBox() : null,
            // Type alternatives are exact when every alternative names one type: the index answers them alone.
            Filter = needsFilter ? Filter : null,
        };
    }

    /// <summary>Most matches a query sorts in memory (orderBy); above it the query is refused as too wide.</summary>
    internal const int MaxSorted = 10_000;

    /// <summary>The page a query asks for, checked: limit within the maximum page size, offset not negative, limit=0 only to count.</summary>
    internal (int Limit, int Offset) Paging(EntityQueryParameters parameters)
    {
        var limit = parameters.Limit ?? options.DefaultPageSize;
        if (limit < 0) throw NgsiLdException.BadData("limit must not be negative.");
        if (limit > options.MaxPageSize)
            throw new NgsiLdException(ErrorType.TooManyResults, $"limit {limit} is above the maximum page size {options.MaxPageSize}.");
        var offset = parameters.Offset ?? 0;
        if (offset < 0) throw NgsiLdException.BadData("offset must not be negative.");
        if (limit == 0 && !parameters.Count) throw NgsiLdException.BadData("limit=0 is only allowed together with count=true.");
        return (limit, offset);
    }

    private static bool SafeMatch(Regex regex, string input)
    {
        try { return regex.IsMatch(input); }
        catch (RegexMatchTimeoutException) { return false; }
    }
}
