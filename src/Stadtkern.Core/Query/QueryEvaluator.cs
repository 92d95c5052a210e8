using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stadtkern.JsonLd;
using Stadtkern.Model;

namespace Stadtkern.Query;

/// <summary>Evaluates a parsed query against a stored entity. An attribute with several instances or a list value matches when any element does.</summary>
public static class QueryEvaluator
{
    public static bool Matches(QueryExpression expression, JsonObject entity, JsonLdContext context) => expression switch
    {
        QueryExpression.And and => and.Terms.All(t => Matches(t, entity, context)),
        QueryExpression.Or or => or.Terms.Any(t => Matches(t, entity, context)),
        QueryExpression.Term term => MatchesTerm(term, entity, context),
        QueryExpression.Absent absent => !Targets(absent.Path, entity).Any(),
        _ => false,
    };

    private static bool MatchesTerm(QueryExpression.Term term, JsonObject entity, JsonLdContext context)
    {
        var targets = Targets(term.Path, entity).ToList();
        if (term.Operator is null) return targets.Count > 0;
        if (targets.Count == 0) return false;
        var values = targets.SelectMany(Flatten).ToList();
        return term.Operator switch
        {
            "!=" => values.Count > 0 && !values.Any(v => Equal(v, term.Value!, context)),
            "==" => values.Any(v => Equal(v, term.Value!, context)),
            "~=" => values.Any(v => Pattern(v, term.Value!)),
            "!~=" => values.Count > 0 && !values.Any(v => Pattern(v, term.Value!)),
            _ => values.Any(v => Ordered(v, term.Operator, (QueryValue.Single)term.Value!)),
        };
    }

    /// <summary>The values a path points at, one per matching instance.</summary>
    private static IEnumerable<JsonNode?> Targets(AttributePath path, JsonObject entity)
    {
        if (entity[path.Attribute] is not JsonArray instances) yield break;
        foreach (var instance in instances.OfType<JsonObject>())
        {
            JsonNode? current = instance;
            for (var i = 1; i < path.Attributes.Count && current is not null; i++)
            {
                var segment = path.Attributes[i];
                var member = (current as JsonObject)?[segment];
                current = member is JsonArray multi ? multi.FirstOrDefault() : member;
                if (current is JsonValue) goto emit;
            }
            if (current is JsonObject attribute)
            {
                var type = attribute[Members.Type]?.GetValue<string>() ?? AttributeTypes.Property;
                current = attribute[AttributeTypes.ValueMember(type)];
                if (type == AttributeTypes.LanguageProperty && current is JsonObject map && path.Keys.Count == 0)
                {
                    foreach (var (_, text) in map) yield return text;
                    continue;
                }
                if (type == AttributeTypes.ListRelationship && current is JsonArray objects)
                    current = new JsonArray(objects.Select(o => (o as JsonObject)?[Members.Object]?.DeepClone()).ToArray());
            }
            emit:
            foreach (var key in path.Keys)
            {
                current = current switch
                {
                    JsonObject o => o[key],
                    JsonArray a when int.TryParse(key, out var index) && index >= 0 && index < a.Count => a[index],
                    _ => null,
                };
            }
            if (current is JsonObject wrapped && wrapped["@value"] is { } literal) current = literal;
            if (current is not null) yield return current;
        }
    }

    private static IEnumerable<JsonNode?> Flatten(JsonNode? node) => node is JsonArray a ? a : new[] { node };

    private static bool Equal(JsonNode? actual, QueryValue expected, JsonLdContext context) => expected switch
    {
        QueryValue.Single s => EqualSingle(actual, s, context),
        QueryValue.ValueList list => list.Values.Any(v => EqualSingle(actual, v, context)),
        QueryValue.Range r => Compare(actual, r.Min) >= 0 && Compare(actual, r.Max) <= 0,
        _ => false,
    };

    private static bool EqualSingle(JsonNode? actual, QueryValue.Single expected, JsonLdContext context)
    {
        if (expected.IsDateTime) return Compare(actual, expected) == 0;
        if (actual is not JsonValue a || expected.Value is not JsonValue e) return false;
        var ak = a.GetValueKind();
        var ek = e.GetValueKind();
        if (ak == JsonValueKind.Number && ek == JsonValueKind.Number) return a.GetValue<double>() == e.GetValue<double>();
        if (ak is JsonValueKind.True or JsonValueKind.False && ek is JsonValueKind.True or JsonValueKind.False) return ak == ek;
        if (ak == JsonValueKind.String && ek == JsonValueKind.String)
        {
            var left = a.GetValue<string>();
            var right = e.GetValue<string>();
            return left == right || left == context.Expand(right);
        }
        return false;
    }

    private static bool Ordered(JsonNode? actual, string op, QueryValue.Single expected)
    {
        var c = Compare(actual, expected);
        if (c is null) return false;
        return op switch { ">" => c > 0, ">=" => c >= 0, "<" => c < 0, "<=" => c <= 0, _ => false };
    }

    /// <summary>Compares like with like: numbers, strings, and dates (when the query value is a date); null when they cannot be compared.</summary>
    private static int? Compare(JsonNode? actual, QueryValue.Single expected)
    {
        if (actual is not JsonValue a || expected.Value is not JsonValue e) return null;
        var ak = a.GetValueKind();
        var ek = e.GetValueKind();
        if (ak == JsonValueKind.Number && ek == JsonValueKind.Number) return a.GetValue<double>().CompareTo(e.GetValue<double>());
        if (ak != JsonValueKind.String || ek != JsonValueKind.String) return null;
        var left = a.GetValue<string>();
        var right = e.GetValue<string>();
        if (expected.IsDateTime)
        {
            if (!Validation.TryParseDateTime(left, out var l) || !Validation.TryParseDateTime(right, out var r)) return null;
            return l.CompareTo(r);
        }
        return Math.Sign(string.CompareOrdinal(left, right));
    }

    private static bool Pattern(JsonNode? actual, QueryValue expected)
    {
        if (actual is not JsonValue a || a.GetValueKind() != JsonValueKind.String || expected is not QueryValue.Pattern p) return false;
        try
        {
            return p.Regex.IsMatch(a.GetValue<string>());
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
