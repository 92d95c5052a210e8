using System.Text.Json;
using Stadtkern.Query;

namespace Stadtkern.Store;

/// <summary>
/// The SQL that a value index answers q terms with, the same in every backend: a table <c>attr_values</c> of one row per
/// scalar value of an attribute (<see cref="IndexedValues"/>), with the columns <c>attribute</c>, <c>num</c> and <c>str</c>.
/// What cannot be translated is left out (null), for the exact filter to decide; an OR is translated only when all its
/// terms are. The backend says how a parameter is bound and how a value row is tied to its entity row <c>e</c>.
/// </summary>
/// <param name="bind">Adds a parameter with this value and returns its placeholder.</param>
/// <param name="correlate">The condition tying value rows of the alias given to the entity row <c>e</c>.</param>
/// <param name="expand">Expands a vocabulary term as the request's context does (q compares vocab values in both forms).</param>
public sealed class ValueIndexSql(Func<object, string> bind, Func<string, string> correlate, Func<string, string>? expand)
{
    private int _next;

    /// <summary>An <c>EXISTS</c> condition on <c>e</c> that every entity matching <paramref name="expression"/> meets, or null.</summary>
    public string? Exists(QueryExpression expression) => expression switch
    {
        QueryExpression.And and => Join(and.Terms.Select(Exists).Where(t => t is not null).ToList(), " AND "),
        QueryExpression.Or or => or.Terms.Select(Exists).ToList() is var parts && parts.All(p => p is not null) ? Join(parts, " OR ") : null,
        QueryExpression.Term term => ExistsTerm(term),
        _ => null,
    };

    private string? ExistsTerm(QueryExpression.Term term)
    {
        var alias = $"v{_next++}";
        if (Comparison(term, alias) is not { } c) return null;
        return $"EXISTS (SELECT 1 FROM attr_values {alias} WHERE {correlate(alias)} AND {alias}.attribute = {c.Attribute} AND {c.Condition})";
    }

    /// <summary>
    /// For finding entities by text values: the condition that a value row (of <paramref name="alias"/>) is one of the
    /// attribute/text pairs, and how many distinct attributes an entity's rows must then cover (its <c>HAVING</c> count).
    /// </summary>
    public static (string Condition, int Attributes) AnyOfTexts(IReadOnlyList<(string Attribute, string Text)> values, string alias, Func<object, string> bind)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var pairs = values.Select(v => $"({alias}.attribute = {bind(v.Attribute)} AND {alias}.str = {bind(v.Text)})").ToList();
        return ($"({string.Join(" OR ", pairs)})", values.Select(v => v.Attribute).Distinct(StringComparer.Ordinal).Count());
    }

    private static string? Join(List<string?> parts, string separator) =>
        parts.Count == 0 ? null : "(" + string.Join(separator, parts) + ")";

    /// <summary>The attribute parameter, the value condition on <paramref name="alias"/>, and the one column it ranges over (null when it mixes or tests existence).</summary>
    public (string Attribute, string Condition, string? Column)? Comparison(QueryExpression.Term term, string alias)
    {
        if (term.Path.Attributes.Count != 1 || term.Path.Keys.Count != 0) return null;
        (string Condition, string? Column)? condition = term.Operator switch
        {
            null => ("1 = 1", null),
            "==" => Equality(term.Value!, alias),
            ">" or ">=" or "<" or "<=" when term.Value is QueryValue.Single s => Ordering(term.Operator, s, alias),
            _ => null,
        };
        if (condition is not { } c) return null;
        return (bind(term.Path.Attribute), c.Condition, c.Column);
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
                return ($"{alias}.num BETWEEN {bind(min.GetValue<double>())} AND {bind(max.GetValue<double>())}", "num");
            default:
                return null;
        }
    }

    private (string, string?)? EqualSingle(QueryValue.Single s, string alias)
    {
        if (s.IsDateTime || s.Value is null) return null;
        return s.Value.GetValueKind() switch
        {
            JsonValueKind.Number => ($"{alias}.num = {bind(s.Value.GetValue<double>())}", "num"),
            JsonValueKind.String when expand is not null && expand(s.Value.GetValue<string>()) is var expanded && expanded != s.Value.GetValue<string>()
                => ($"{alias}.str IN ({bind(s.Value.GetValue<string>())}, {bind(expanded)})", "str"),
            JsonValueKind.String => ($"{alias}.str = {bind(s.Value.GetValue<string>())}", "str"),
            _ => null,
        };
    }

    private (string, string?)? Ordering(string op, QueryValue.Single s, string alias)
    {
        if (s.IsDateTime || s.Value is null) return null;
        return s.Value.GetValueKind() switch
        {
            JsonValueKind.Number => ($"{alias}.num {op} {bind(s.Value.GetValue<double>())}", "num"),
            // Text orders by UTF-8 bytes in the stores (SQLite; PostgreSQL with the C collation), by UTF-16 code units in the
            // evaluator: they differ beyond the BMP, so text ordering is left to the exact filter.
            _ => null,
        };
    }
}
