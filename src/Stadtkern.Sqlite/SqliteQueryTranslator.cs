using System.Text.Json;
using Microsoft.Data.Sqlite;
using Stadtkern.Query;

namespace Stadtkern.Sqlite;

/// <summary>The SQL a q expression narrows candidates with: an optional driving index range, and conditions checked per entity.</summary>
/// <param name="Driver">Conditions on alias <c>d</c> (a value-index range) to drive the query from, or null.</param>
/// <param name="DriverOrder">The driver's index order (<c>d.num, d.seq</c>), so that pages stream without sorting.</param>
/// <param name="Conditions">Conditions on alias <c>e</c> (EXISTS look-ups by entity), or null.</param>
internal sealed record TranslatedQuery(string? Driver, string? DriverOrder, string? Conditions);

/// <summary>
/// Translates the parts of a q expression that the value index can answer into SQL that selects a superset of the
/// matching entities; what cannot be translated is left to the exact filter. The first comparison of the top-level
/// conjunction drives the query from its index range, so a page is found without reading every candidate; the other
/// terms are checked per entity through the (seq, attribute) index. An OR is translated only when all its terms are.
/// </summary>
internal sealed class SqliteQueryTranslator(SqliteCommand command, Func<string, string>? expand)
{
    private int _next;

    public TranslatedQuery Translate(QueryExpression expression)
    {
        var terms = expression is QueryExpression.And and ? and.Terms : [expression];
        string? driver = null;
        string? order = null;
        var conditions = new List<string>();
        foreach (var term in terms)
        {
            if (driver is null && term is QueryExpression.Term t && Comparison(t, "d") is { } c && c.Column is not null)
            {
                driver = $"d.tenant = $tenant AND d.attribute = {c.Attribute} AND {c.Condition}";
                order = $"d.{c.Column}, d.seq";
                continue;
            }
            if (Exists(term) is { } exists) conditions.Add(exists);
        }
        return new TranslatedQuery(driver, order, conditions.Count == 0 ? null : string.Join(" AND ", conditions));
    }

    private string? Exists(QueryExpression expression) => expression switch
    {
        QueryExpression.And and => Join(and.Terms.Select(Exists).Where(t => t is not null).ToList(), " AND "),
        QueryExpression.Or or => or.Terms.Select(Exists).ToList() is var parts && parts.All(p => p is not null) ? Join(parts, " OR ") : null,
        QueryExpression.Term term => ExistsTerm(term),
        _ => null,
    };

    private string? ExistsTerm(QueryExpression.Term term)
    {
        var alias = $"v{_next}";
        if (Comparison(term, alias) is not { } c) return null;
        return $"EXISTS (SELECT 1 FROM attr_values {alias} WHERE {alias}.seq = e.seq AND {alias}.attribute = {c.Attribute} AND {c.Condition})";
    }

    private static string? Join(List<string?> parts, string separator) =>
        parts.Count == 0 ? null : "(" + string.Join(separator, parts) + ")";

    private string Parameter(object value)
    {
        var name = $"$qv{_next++}";
        command.Parameters.AddWithValue(name, value);
        return name;
    }

    /// <summary>The attribute parameter, the value condition on <paramref name="alias"/>, and the one column it ranges over (null when it mixes or tests existence).</summary>
    private (string Attribute, string Condition, string? Column)? Comparison(QueryExpression.Term term, string alias)
    {
        if (term.Path.Attributes.Count != 1 || term.Path.Keys.Count != 0) return null;
        (string Condition, string? Column)? condition = term.Operator switch
        {
            null => ("1", null),
            "==" => Equality(term.Value!, alias),
            ">" or ">=" or "<" or "<=" when term.Value is QueryValue.Single s => Ordering(term.Operator, s, alias),
            _ => null,
        };
        if (condition is not { } c) return null;
        return (Parameter(term.Path.Attribute), c.Condition, c.Column);
    }

    private (string, string?)? Equality(QueryValue value, string alias)
    {
        switch (value)
        {
            case QueryValue.Single s:
                return EqualSingle(s, alias);
            case QueryValue.ValueList list:
                var parts = list.Values.Select(v => EqualSingle(v, alias)).ToList();
                if (parts.Any(p => p is null)) return null;
                var columns = parts.Select(p => p!.Value.Item2).Distinct().ToList();
                return ("(" + string.Join(" OR ", parts.Select(p => p!.Value.Item1)) + ")", columns.Count == 1 ? columns[0] : null);
            case QueryValue.Range { Min.Value: { } min, Max.Value: { } max } r when !r.Min.IsDateTime && !r.Max.IsDateTime
                && min.GetValueKind() == JsonValueKind.Number && max.GetValueKind() == JsonValueKind.Number:
                return ($"{alias}.num BETWEEN {Parameter(min.GetValue<double>())} AND {Parameter(max.GetValue<double>())}", "num");
            default:
                return null;
        }
    }

    private (string, string?)? EqualSingle(QueryValue.Single s, string alias)
    {
        if (s.IsDateTime || s.Value is null) return null;
        return s.Value.GetValueKind() switch
        {
            JsonValueKind.Number => ($"{alias}.num = {Parameter(s.Value.GetValue<double>())}", "num"),
            JsonValueKind.String when expand is not null && expand(s.Value.GetValue<string>()) is var expanded && expanded != s.Value.GetValue<string>()
                => ($"{alias}.str IN ({Parameter(s.Value.GetValue<string>())}, {Parameter(expanded)})", "str"),
            JsonValueKind.String => ($"{alias}.str = {Parameter(s.Value.GetValue<string>())}", "str"),
            _ => null,
        };
    }

    private (string, string?)? Ordering(string op, QueryValue.Single s, string alias)
    {
        if (s.IsDateTime || s.Value is null) return null;
        return s.Value.GetValueKind() switch
        {
            JsonValueKind.Number => ($"{alias}.num {op} {Parameter(s.Value.GetValue<double>())}", "num"),
            // SQLite orders text by UTF-8 bytes, the evaluator by UTF-16 code units: they differ beyond the BMP, so text
            // ordering is left to the exact filter.
            _ => null,
        };
    }
}
