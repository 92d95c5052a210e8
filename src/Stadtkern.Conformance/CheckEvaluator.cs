using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stadtkern.Conformance;

/// <summary>Evaluates one <see cref="Check"/> on a response: null when it passes, otherwise what was expected and what differs.</summary>
public static class CheckEvaluator
{
    /// <summary>The suite's error types are short names below this URI.</summary>
    public const string ErrorTypePrefix = "https://uri.etsi.org/ngsi-ld/errors/";

    private const int MaxDifferences = 15;

    public static string? Evaluate(Check check, ExchangeResponse response, CaseContext context) => check switch
    {
        Check.Status s => s.Codes.Contains(response.Status)
            ? null
            : $"expected status {string.Join(" or ", s.Codes)}, got {response.Status}",
        Check.Problem p => Problem(p, response),
        Check.EmptyBody => response.Body.Length == 0 ? null : "expected an empty body",
        Check.Header h => Header(h, response, context),
        Check.NoHeader h => response.Headers.TryGetValue(h.Name, out var v) ? $"expected no {h.Name} header, got '{v}'" : null,
        Check.ContentType c => string.Equals(response.MediaType, c.MediaType, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"expected Content-Type {c.MediaType}, got {response.MediaType ?? "none"}",
        Check.Body b => Body(b, response, context),
        Check.Count c => response.Json is JsonArray a
            ? a.Count == c.Elements ? null : $"expected an array of {c.Elements} elements, got {a.Count}"
            : "expected a JSON array body",
        Check.Ids i => Ids(i, response, context),
        Check.JsonValue v => Value(v, response, context),
        Check.JsonAbsent a => JsonBody(response) ?? (JsonPath.TryGet(response.Json, a.Path, out var found)
            ? $"expected nothing at {a.Path}, got {JsonComparer.Excerpt(found)}"
            : null),
        Check.Custom c => Custom(c, response, context),
        ResponseCheck r => r.Evaluate(response, context) is { } problem ? $"{r.Description}: {problem}" : null,
        _ => $"unknown check {check.GetType().Name}",
    };

    /// <summary>A short description of a check, for failure messages.</summary>
    public static string Describe(Check check) => check switch
    {
        Check.Status s => $"status {string.Join("/", s.Codes)}",
        Check.Problem p => $"problem {p.ErrorType}" + (p.Path == "$" ? "" : " at " + p.Path),
        Check.EmptyBody => "empty body",
        Check.Header h => h.Value is null ? $"header {h.Name}" : $"header {h.Name} {(h.EndsWith ? "ending with" : "=")} '{h.Value}'",
        Check.NoHeader h => $"no header {h.Name}",
        Check.ContentType c => $"Content-Type {c.MediaType}",
        Check.Body b => $"body as {b.Expected.File ?? "the literal expectation"}",
        Check.Count c => $"{c.Elements} elements",
        Check.Ids i => $"ids {string.Join(", ", i.Expected)}",
        Check.JsonValue v => $"{v.Path} = {v.JsonLiteral}",
        Check.JsonAbsent a => $"nothing at {a.Path}",
        Check.Custom c => c.Description,
        ResponseCheck r => r.Description,
        _ => check.GetType().Name,
    };

    private static string? JsonBody(ExchangeResponse response) =>
        response.BodyIsJson ? null : response.Body.Length == 0 ? "expected a JSON body, got an empty one" : "expected a JSON body, got text that is not JSON";

    private static string? Problem(Check.Problem check, ExchangeResponse response)
    {
        if (JsonBody(response) is { } notJson)
        {
            return notJson;
        }

        if (!JsonPath.TryGet(response.Json, check.Path, out var node) || node is not JsonObject problem)
        {
            return $"expected a problem document at {check.Path}";
        }

        var expectedType = check.ErrorType.Contains("://", StringComparison.Ordinal) ? check.ErrorType : ErrorTypePrefix + check.ErrorType;
        var type = StringAt(problem, "type");
        if (type != expectedType)
        {
            return $"expected problem type {expectedType}, got {type ?? "none"}";
        }

        var title = StringAt(problem, "title");
        if ((check.RequireTitle || check.RequireDetail) && string.IsNullOrEmpty(title))
        {
            return "expected the problem to have a non-empty string title";
        }

        if (check.RequireDetail)
        {
            var detail = StringAt(problem, "detail");
            if (string.IsNullOrEmpty(detail))
            {
                return "expected the problem to have a non-empty string detail";
            }

            if (detail == title)
            {
                return "expected the problem's title and detail to differ";
            }
        }

        return null;
    }

    private static string? Header(Check.Header check, ExchangeResponse response, CaseContext context)
    {
        if (!response.Headers.TryGetValue(check.Name, out var actual))
        {
            return $"expected a {check.Name} header, got none";
        }

        if (check.Value is null)
        {
            return actual.Length > 0 ? null : $"expected a non-empty {check.Name} header";
        }

        var expected = context.Text(check.Value);
        var ok = check.EndsWith ? actual.EndsWith(expected, StringComparison.Ordinal) : actual == expected;
        return ok ? null : $"expected {check.Name} {(check.EndsWith ? "ending with" : "=")} '{expected}', got '{actual}'";
    }

    private static string? Body(Check.Body check, ExchangeResponse response, CaseContext context)
    {
        if (JsonBody(response) is { } notJson)
        {
            return notJson;
        }

        var differences = JsonComparer.Compare(context.BuildJson(check.Expected), response.Json, check.IgnoredKeys);
        if (differences.Count == 0)
        {
            return null;
        }

        var shown = differences.Take(MaxDifferences).Select(d => "  " + d);
        var more = differences.Count > MaxDifferences ? $"\n  … and {differences.Count - MaxDifferences} more" : "";
        return $"the body differs from {check.Expected.File ?? "the expectation"}:\n{string.Join('\n', shown)}{more}";
    }

    private static string? Ids(Check.Ids check, ExchangeResponse response, CaseContext context)
    {
        if (response.Json is not JsonArray list)
        {
            return "expected a JSON array of entities";
        }

        var expected = check.Expected.Select(id => context.Text(id)).ToList();
        var actual = list.Select(e => e is JsonObject o ? StringAt(o, "id") ?? "(no id)" : "(not an object)").ToList();
        var same = check.Ordered
            ? expected.SequenceEqual(actual)
            : expected.Order(StringComparer.Ordinal).SequenceEqual(actual.Order(StringComparer.Ordinal));
        return same ? null : $"expected ids [{string.Join(", ", expected)}]{(check.Ordered ? " in this order" : "")}, got [{string.Join(", ", actual)}]";
    }

    private static string? Value(Check.JsonValue check, ExchangeResponse response, CaseContext context)
    {
        if (JsonBody(response) is { } notJson)
        {
            return notJson;
        }

        var expected = context.ParseLiteral(check.JsonLiteral);
        if (!JsonPath.TryGet(response.Json, check.Path, out var actual))
        {
            return $"expected {JsonComparer.Excerpt(expected)} at {check.Path}, got nothing there";
        }

        return JsonComparer.ValuesEqual(expected, actual)
            ? null
            : $"expected {JsonComparer.Excerpt(expected)} at {check.Path}, got {JsonComparer.Excerpt(actual)}";
    }

    private static string? Custom(Check.Custom check, ExchangeResponse response, CaseContext context)
    {
        var problem = check.Evaluate(response.Json, context.Variables);
        return problem is null ? null : $"{check.Description}: {problem}";
    }

    private static string? StringAt(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
