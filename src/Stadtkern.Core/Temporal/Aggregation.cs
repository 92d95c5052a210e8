using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Temporal;

/// <summary>The aggregation methods of the aggregated temporal representation (clause 4.5.19), over half-open periods.</summary>
public static class Aggregation
{
    public static readonly FrozenSet<string> Methods = FrozenSet.Create(StringComparer.Ordinal,
        "totalCount", "distinctCount", "sum", "avg", "min", "max", "stddev", "sumsq");

    public static IReadOnlyList<string> ParseMethods(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw NgsiLdException.BadData("aggregatedValues needs aggrMethods.");
        var methods = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        foreach (var method in methods)
            if (!Methods.Contains(method))
                throw NgsiLdException.BadData($"aggrMethods: '{method}' is not an aggregation method (one of {string.Join(", ", Methods)}).");
        return methods;
    }

    /// <summary>
    /// Aggregates one series: periods of <paramref name="period"/> from <paramref name="start"/> (or the first instance), each
    /// <c>[value, start, end]</c>; periods without instances are left out. Without a period the whole window is one period.
    /// </summary>
    public static JsonObject Aggregate(IReadOnlyList<TemporalInstance> instances, IReadOnlyList<string> methods, IsoDuration? period,
        DateTimeOffset? start, DateTimeOffset? end)
    {
        var result = new JsonObject();
        foreach (var method in methods) result[method] = new JsonArray();
        var timed = instances.Where(i => i.At is not null).ToList();
        if (timed.Count == 0) return result;
        var from = start ?? timed[0].At!.Value;
        var index = 0;
        while (index < timed.Count)
        {
            var periodStart = from;
            var periodEnd = period?.After(from) ?? (end is { } e && e > timed[^1].At!.Value ? e : timed[^1].At!.Value.AddTicks(10));
            if (periodEnd <= periodStart) throw NgsiLdException.BadData("aggrPeriodDuration is too short.");
            var bucket = new List<TemporalInstance>();
            while (index < timed.Count && timed[index].At < periodEnd)
            {
                if (timed[index].At >= periodStart) bucket.Add(timed[index]);
                index++;
            }
            if (bucket.Count > 0)
                foreach (var method in methods)
                    if (Compute(method, bucket) is { } value)
                        ((JsonArray)result[method]!).Add(new JsonArray(value, TemporalRenderer.Instant(periodStart), TemporalRenderer.Instant(periodEnd)));
            from = periodEnd;
        }
        return result;
    }

    /// <summary>The same periods from the store's numeric summaries (<see cref="TemporalBucket"/>).</summary>
    public static JsonObject FromBuckets(IReadOnlyList<TemporalBucket> buckets, IReadOnlyList<string> methods, TimeSpan period)
    {
        var result = new JsonObject();
        foreach (var method in methods) result[method] = new JsonArray();
        foreach (var bucket in buckets)
        {
            var start = TemporalRenderer.Instant(bucket.Start);
            var end = TemporalRenderer.Instant(bucket.Start + period);
            foreach (var method in methods)
            {
                var mean = bucket.Sum / bucket.Count;
                JsonNode? value = method switch
                {
                    "totalCount" => bucket.Count,
                    "sum" => bucket.Sum,
                    "sumsq" => bucket.SumOfSquares,
                    "avg" => mean,
                    "min" => bucket.Min,
                    "max" => bucket.Max,
                    "stddev" => Math.Sqrt(Math.Max(0, bucket.SumOfSquares / bucket.Count - mean * mean)),
                    _ => null,
                };
                if (value is not null) ((JsonArray)result[method]!).Add(new JsonArray(value, start, end));
            }
        }
        return result;
    }

    private static JsonNode? Compute(string method, List<TemporalInstance> bucket)
    {
        if (method == "totalCount") return bucket.Count;
        if (method == "distinctCount") return bucket.Select(Key).Distinct(StringComparer.Ordinal).Count();
        var numbers = bucket.Select(Number).OfType<double>().ToList();
        switch (method)
        {
            case "min" or "max" when numbers.Count == 0:
                var texts = bucket.Select(Text).OfType<string>().Order(StringComparer.Ordinal).ToList();
                return texts.Count == 0 ? null : method == "min" ? texts[0] : texts[^1];
            case "sum": return numbers.Sum();
            case "sumsq": return numbers.Sum(n => n * n);
            case "avg": return numbers.Count == 0 ? null : numbers.Average();
            case "min": return numbers.Min();
            case "max": return numbers.Max();
            case "stddev":
                if (numbers.Count == 0) return null;
                var mean = numbers.Average();
                return Math.Sqrt(numbers.Sum(n => (n - mean) * (n - mean)) / numbers.Count);
            default: return null;
        }
    }

    private static double? Number(TemporalInstance instance) =>
        instance.Number ?? (instance.Instance?[Members.Value] is JsonValue v && v.GetValueKind() == JsonValueKind.True ? 1
            : instance.Instance?[Members.Value] is JsonValue f && f.GetValueKind() == JsonValueKind.False ? 0 : null);

    private static string? Text(TemporalInstance instance) =>
        instance.Instance?[Members.Value] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Key(TemporalInstance instance)
    {
        if (instance.Number is { } n) return n.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (instance.Instance is not { } stored) return "";
        var type = stored[Members.Type]?.GetValue<string>() ?? AttributeTypes.Property;
        return stored[AttributeTypes.ValueMember(type)]?.ToJsonString() ?? "";
    }
}
