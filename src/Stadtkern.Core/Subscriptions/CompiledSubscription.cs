using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stadtkern.Geo;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Query;

namespace Stadtkern.Subscriptions;

/// <summary>A subscription ready for matching: its contexts resolved and its selectors, q, scopeQ and geoQ parsed once.</summary>
public sealed class CompiledSubscription
{
    private readonly (TypeExpression Types, string? Id, Regex? Pattern)[] _selectors;
    private readonly QueryExpression? _q;
    private readonly ScopeQuery? _scopeQ;
    private readonly GeoQuery? _geoQ;

    private CompiledSubscription(string tenant, Subscription model, JsonLdContext terms, JsonLdContext notify)
    {
        Tenant = tenant;
        Model = model;
        Terms = terms;
        Notify = notify;
        _selectors = model.Entities.Select(e => (TypeSelection.Parse(e.Type), e.Id,
            e.Id is null && e.IdPattern is not null ? new Regex(e.IdPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)) : null)).ToArray();
        _q = model.Q is null ? null : QueryParser.Parse(SubscriptionReader.DecodeQuery(model.Q), terms);
        _scopeQ = model.ScopeQ is null ? null : ScopeQuery.Parse(model.ScopeQ);
        _geoQ = model.GeoQ is null ? null : SubscriptionDocument.ParseGeoQuery(model.GeoQ);
        AnyOfTypes = _selectors.Length == 0 ? null : _selectors.SelectMany(s => s.Types.AllTypes).Distinct(StringComparer.Ordinal).ToArray();
        var render = new RenderOptions(notify)
        {
            Format = model.Notification.Format,
            SysAttrs = model.Notification.SysAttrs,
            Attributes = model.Notification.Attributes,
            Lang = model.Lang,
            DatasetIds = model.DatasetIds,
            BodyContext = model.Notification.Endpoint.Accept == "application/ld+json" ? JsonValue.Create(model.JsonldContext) : null,
        };
        var projection = model.Notification.Pick is { } pick ? Projection.Parse(string.Join(',', pick), isPick: true, JsonLdContext.Core)
            : model.Notification.Omit is { } omit ? Projection.Parse(string.Join(',', omit), isPick: false, JsonLdContext.Core) : null;
        Render = projection is null ? render : projection.Apply(render with { Projection = projection });
    }

    public string Tenant { get; }

    public Subscription Model { get; }

    /// <summary>The context q was written against.</summary>
    public JsonLdContext Terms { get; }

    /// <summary>The context notifications are compacted with (the subscription's jsonldContext).</summary>
    public JsonLdContext Notify { get; }

    /// <summary>How notified entities are rendered.</summary>
    public RenderOptions Render { get; }

    /// <summary>Types of which a selected entity has at least one, for index look-ups; null when any entity may match.</summary>
    public IReadOnlyCollection<string>? AnyOfTypes { get; }

    /// <summary>Resolves the subscription's contexts (cached, hosted or fetched) and compiles it; a context that cannot be had is an error (503).</summary>
    public static Task<CompiledSubscription> CompileAsync(string tenant, JsonObject stored, ContextResolver resolver, CancellationToken cancellation) =>
        CompileAsync(tenant, stored, context => resolver.ResolveAsync(context, cancellation), strict: true);

    /// <summary>
    /// Compiles with the given context resolution. Unless <paramref name="strict"/>, a jsonldContext that cannot be had
    /// (a remote one that is down, an ImplicitlyCreated one that was deleted) falls back to the context the subscription
    /// was written in, so notifications keep flowing with the names the subscriber used.
    /// </summary>
    public static async Task<CompiledSubscription> CompileAsync(string tenant, JsonObject stored, Func<JsonNode?, ValueTask<JsonLdContext>> resolve, bool strict)
    {
        var model = SubscriptionDocument.ToModel(stored);
        var terms = await resolve(model.TermsContext);
        JsonLdContext notify;
        try
        {
            notify = await resolve(JsonValue.Create(model.JsonldContext));
        }
        catch (Errors.NgsiLdException) when (!strict)
        {
            notify = terms;
        }
        return new CompiledSubscription(tenant, model, terms, notify);
    }

    /// <summary>True when an entity selector (or, without selectors, any entity) matches.</summary>
    public bool Selects(JsonObject entity)
    {
        if (_selectors.Length == 0) return true;
        var id = entity[Members.Id]!.GetValue<string>();
        var types = (entity[Members.Type] as JsonArray ?? []).Select(t => t!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (expression, selectorId, pattern) in _selectors)
        {
            if (selectorId is not null && selectorId != id) continue;
            if (pattern is not null && !SafeMatch(pattern, id)) continue;
            if (expression.Matches(types)) return true;
        }
        return false;
    }

    /// <summary>True when q, scopeQ and geoQ (those given) hold for the entity.</summary>
    public bool MeetsConditions(JsonObject entity) =>
        (_q is null || QueryEvaluator.Matches(_q, entity, Terms))
        && (_scopeQ is null || _scopeQ.Matches(entity))
        && (_geoQ is null || _geoQ.Matches(entity));

    /// <summary>The whole selection: selectors and conditions.</summary>
    public bool Matches(JsonObject entity) => Selects(entity) && MeetsConditions(entity);

    /// <summary>Whether the subscription notifies at this moment (not paused, not expired).</summary>
    public bool IsActiveAt(DateTimeOffset now) => Model.StateAt(now) == SubscriptionStates.Active;

    private static bool SafeMatch(Regex regex, string input)
    {
        try { return regex.IsMatch(input); }
        catch (RegexMatchTimeoutException) { return false; }
    }
}
