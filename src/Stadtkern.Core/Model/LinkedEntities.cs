using System.Text.Json.Nodes;
using Stadtkern.Errors;

namespace Stadtkern.Model;

/// <summary>
/// Linked entity retrieval (clause 4.5.23, <c>join=inline|flat</c>, <c>joinLevel</c>): entities that Relationships point
/// at, inlined or listed beside. Used for query answers and for notifications; <c>load</c> reads an entity by id.
/// </summary>
public sealed class LinkedEntities(Func<string, CancellationToken, ValueTask<JsonObject?>> load, string join, int level)
{
    private const int MaxLinked = 1000;
    private readonly Dictionary<string, JsonObject?> _cache = new(StringComparer.Ordinal);

    /// <summary>The join a request or subscription asks for, checked; null for none (no join, or <c>@none</c>).</summary>
    public static LinkedEntities? From(string? join, int? joinLevel, Func<string, CancellationToken, ValueTask<JsonObject?>> load)
    {
        if (join is null) return null;
        if (join is not ("inline" or "flat" or "@none")) throw NgsiLdException.BadData($"join must be inline, flat or @none, not '{join}'.");
        if (join == "@none") return null;
        var level = joinLevel ?? 1;
        if (level is < 1 or > 10) throw NgsiLdException.BadData("joinLevel must be between 1 and 10.");
        return new LinkedEntities(load, join, level);
    }

    private async Task<JsonObject?> LoadAsync(string id, CancellationToken cancellation)
    {
        if (_cache.TryGetValue(id, out var cached)) return cached;
        if (_cache.Count >= MaxLinked) return null;
        var entity = await load(id, cancellation);
        _cache[id] = entity;
        return entity;
    }

    private static IEnumerable<(string Attribute, string Target)> Links(JsonObject entity, RenderOptions options)
    {
        foreach (var (name, value) in entity)
        {
            if (Members.EntityReserved.Contains(name) || value is not JsonArray instances) continue;
            if (options.Attributes is not null && !options.Attributes.Contains(name)) continue;
            if (options.Omitted is not null && options.Omitted.Contains(name)) continue;
            foreach (var instance in instances.OfType<JsonObject>())
            {
                if (instance[Members.Type]?.GetValue<string>() != AttributeTypes.Relationship) continue;
                switch (instance[Members.Object])
                {
                    case JsonValue v: yield return (name, v.GetValue<string>()); break;
                    case JsonArray a: foreach (var t in a) if (t is JsonValue tv) yield return (name, tv.GetValue<string>()); break;
                }
            }
        }
    }

    private static RenderOptions ForChild(RenderOptions parent, string attribute)
    {
        var child = parent.Projection?.Child(attribute);
        var reset = parent with { Attributes = null, Omitted = null, PickId = true, PickType = true, Projection = child, BodyContext = null };
        return child is null ? reset : child.Apply(reset);
    }

    /// <summary>Renders the roots with their linked entities; a single root without links stays an object.</summary>
    public async Task<JsonNode> RenderAsync(IReadOnlyList<JsonObject> roots, RenderOptions options, bool single, CancellationToken cancellation)
    {
        if (join == "inline")
        {
            var rendered = new List<JsonNode>();
            foreach (var root in roots) rendered.Add(await InlineAsync(root, options, level, cancellation));
            return single ? rendered[0] : new JsonArray(rendered.ToArray());
        }
        var flat = new List<JsonNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
            if (seen.Add(root[Members.Id]!.GetValue<string>())) flat.Add(EntityRenderer.Render(root, options));
        var frontier = roots.Select(r => (Entity: r, Options: options)).ToList();
        for (var depth = 0; depth < level && frontier.Count > 0; depth++)
        {
            var next = new List<(JsonObject, RenderOptions)>();
            foreach (var (entity, entityOptions) in frontier)
            {
                foreach (var (attribute, target) in Links(entity, entityOptions))
                {
                    if (!seen.Add(target) || await LoadAsync(target, cancellation) is not { } linked) continue;
                    var childOptions = ForChild(entityOptions, attribute);
                    flat.Add(EntityRenderer.Render(linked, childOptions));
                    next.Add((linked, childOptions));
                }
            }
            frontier = next;
        }
        if (options.BodyContext is not null)
            foreach (var item in flat.OfType<JsonObject>()) item["@context"] = options.BodyContext.DeepClone();
        return single && flat.Count == 1 ? flat[0] : new JsonArray(flat.ToArray());
    }

    private async Task<JsonObject> InlineAsync(JsonObject entity, RenderOptions options, int remaining, CancellationToken cancellation)
    {
        var rendered = EntityRenderer.Render(entity, options);
        if (remaining <= 0) return rendered;
        foreach (var (attribute, target) in Links(entity, options).ToList())
        {
            if (await LoadAsync(target, cancellation) is not { } linked) continue;
            var inner = await InlineAsync(linked, ForChild(options, attribute), remaining - 1, cancellation);
            var key = options.Context.Compact(attribute);
            switch (rendered[key])
            {
                case JsonObject relationship when options.Format != RepresentationFormat.KeyValues:
                    relationship["entity"] = inner;
                    break;
                case JsonArray instances when options.Format != RepresentationFormat.KeyValues:
                    foreach (var instance in instances.OfType<JsonObject>())
                        if (instance[Members.Object] is JsonValue o && o.GetValue<string>() == target) instance["entity"] = inner.DeepClone();
                    break;
                default:
                    rendered[key] = inner;
                    break;
            }
        }
        return rendered;
    }
}
