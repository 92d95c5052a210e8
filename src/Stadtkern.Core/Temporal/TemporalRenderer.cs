using System.Text.Json.Nodes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Temporal;

/// <summary>The three temporal representations (clause 4.5.7–4.5.9, 4.5.19): normalized instances, temporalValues pairs, aggregatedValues triples.</summary>
public enum TemporalFormat
{
    Normalized,
    TemporalValues,
    AggregatedValues,
}

public static class TemporalRenderer
{
    public static JsonObject Render(TemporalEntity temporal, TemporalFormat format, TemporalWindow window, RenderOptions options)
    {
        if (format == TemporalFormat.Normalized)
        {
            var entity = TemporalEntities.AsEntity(temporal);
            // The scope's history is shown as an attribute of its own, so the current scope is not repeated.
            if (entity[TemporalEntities.ScopeSeries] is JsonArray) entity.Remove(Members.Scope);
            var rendered = EntityRenderer.Render(entity, options with
            {
                Format = options.Format == RepresentationFormat.KeyValues ? RepresentationFormat.Concise : options.Format,
                DeletedAt = true,
            });
            // Every attribute is a list of instances in the temporal representation, even when it has only one.
            var names = temporal.Series.Select(s => options.Context.Compact(s.Attribute)).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, value) in rendered.ToList())
                if (value is JsonObject single && names.Contains(key)) rendered[key] = new JsonArray(single.DeepClone());
            foreach (var series in temporal.Series.Where(s => s.Instances.Count == 0 && Keep(s.Attribute, options)))
                rendered[options.Context.Compact(series.Attribute)] ??= new JsonArray();
            return rendered;
        }

        // The identity (id, type, scope) is rendered by the entity renderer from an entity without attributes.
        var identity = TemporalEntities.AsEntity(temporal with { Series = [] });
        if (temporal.Series.Any(s => s.Attribute == TemporalEntities.ScopeSeries)) identity.Remove(Members.Scope);
        var result = EntityRenderer.Render(identity, options with { BodyContext = null });
        var ctx = options.Context;
        foreach (var group in temporal.Series.GroupBy(s => s.Attribute))
        {
            if (!Keep(group.Key, options)) continue;
            var rendered = new List<JsonNode>();
            foreach (var series in group)
            {
                if (options.DatasetIds is { } wanted && !wanted.Contains(series.DatasetId ?? "@none")) continue;
                rendered.Add(format == TemporalFormat.TemporalValues ? Values(series, options) : Aggregated(series, window));
            }
            if (rendered.Count == 0) continue;
            result[ctx.Compact(group.Key)] = rendered.Count == 1 ? rendered[0] : new JsonArray(rendered.ToArray());
        }
        if (options.BodyContext is not null) result[Members.Context] = options.BodyContext.DeepClone();
        return result;
    }

    private static bool Keep(string name, RenderOptions options) =>
        (options.Attributes is null || options.Attributes.Contains(name)) && (options.Omitted is null || !options.Omitted.Contains(name));

    /// <summary>The member that holds the pairs for each attribute type (clause 4.5.9).</summary>
    private static string ValuesMember(string type) => type switch
    {
        AttributeTypes.Relationship => "objects",
        AttributeTypes.LanguageProperty => "languageMaps",
        AttributeTypes.VocabProperty => "vocabs",
        AttributeTypes.JsonProperty => "jsons",
        AttributeTypes.ListProperty => "valueLists",
        AttributeTypes.ListRelationship => "objectLists",
        _ => "values",
    };

    private static JsonObject Values(TemporalSeries series, RenderOptions options)
    {
        var type = TypeOf(series);
        var pairs = new JsonArray();
        foreach (var instance in series.Instances)
        {
            var content = instance.Instance is { } stored
                ? ValueOf(stored, options)
                : JsonValue.Create(instance.Number);
            pairs.Add(new JsonArray(content, instance.At is { } at ? Instant(at) : null));
        }
        var result = new JsonObject { [Members.Type] = type };
        if (series.DatasetId is not null) result[Members.DatasetId] = series.DatasetId;
        result[ValuesMember(type)] = pairs;
        return result;
    }

    /// <summary>
    /// The first member of a pair: the bare value of a Property, GeoProperty or Relationship, the bare list of a ListProperty
    /// or ListRelationship, and the content wrapped in its member for the other kinds (<c>{"languageMap": {...}}</c>).
    /// </summary>
    private static JsonNode? ValueOf(JsonObject stored, RenderOptions options)
    {
        var type = stored[Members.Type]?.GetValue<string>() ?? AttributeTypes.Property;
        var member = AttributeTypes.ValueMember(type);
        var rendered = EntityRenderer.RenderInstance(stored, options with { Format = RepresentationFormat.Normalized, SysAttrs = false, Lang = null });
        var content = rendered is JsonObject o ? o[member]?.DeepClone() : rendered?.DeepClone();
        return type switch
        {
            AttributeTypes.LanguageProperty or AttributeTypes.JsonProperty or AttributeTypes.VocabProperty => new JsonObject { [member] = content },
            AttributeTypes.ListRelationship when content is JsonArray list =>
                new JsonArray(list.Select(x => x is JsonObject item ? item[Members.Object]?.DeepClone() : x?.DeepClone()).ToArray()),
            _ => content,
        };
    }

    private static JsonObject Aggregated(TemporalSeries series, TemporalWindow window)
    {
        var result = new JsonObject { [Members.Type] = TypeOf(series) };
        if (series.DatasetId is not null) result[Members.DatasetId] = series.DatasetId;
        var start = window.Window?.From;
        var end = window.Window?.Until;
        var aggregated = series.Buckets is { } buckets && window.Period is { } period
            ? Aggregation.FromBuckets(buckets, window.Methods, period.Fixed)
            : Aggregation.Aggregate(series.Instances, window.Methods, window.Period, start, end);
        foreach (var (method, values) in aggregated.ToList())
            result[method] = values?.DeepClone();
        return result;
    }

    /// <summary>Instants as clients wrote them: no trailing zeros in the fraction (<c>2020-08-01T12:03:00Z</c>).</summary>
    public static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string TypeOf(TemporalSeries series) =>
        series.Instances.Select(i => i.Instance?[Members.Type]?.GetValue<string>()).FirstOrDefault(t => t is not null) ?? AttributeTypes.Property;
}
