using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Stadtkern.Query;

namespace Stadtkern.Sqlite;

/// <summary>
/// Translates the parts of a q expression that the value index can answer into SQL that selects a superset of the
/// matching entities; what cannot be translated is left to the exact filter. An OR is translated only when all of its
/// terms are.
/// </summary>
internal sealed class SqliteQueryTranslator(SqliteCommand command, Func<string, string>? expand)
{
    private int _next;

    public string? Translate(QueryExpression expression) => expression switch
    {
        QueryExpression.And and => Join(and.Terms.Select(Translate).Where(t => t is not null).ToList(), " AND "),
        QueryExpression.Or or => or.Terms.Select(Translate).ToList() is var parts && parts.All(p => p is not null) ? Join(parts, " OR ") : null,
        QueryExpression.Term term => Term(term),
        _ => null,
    };

    private static string? Join(List<string?> parts, string separator) =>
        parts.Count == 0 ? null : "(" + string.Join(separator, parts) + ")";

    private string Parameter(object value)
    {
        var name = $"$qv{_next++}";
        command.Parameters.AddWithValue(name, value);
        return name;
    }

    private string? Term(QueryExpression.Term term)
    {
        if (term.Path.Attributes.Count != 1 || term.Path.Keys.Count != 0) return null;
        var attribute = Parameter(term.Path.Attribute);
        var condition = term.Operator switch
        {
            null => "1",
            "==" => Equality(term.Value!),
            ">" or ">=" or "<" or "<=" when term.Value is QueryValue.Single s => Ordering(term.Operator, s),
            _ => null,
        };
        if (condition is null) return null;
        return $"e.seq IN (SELECT seq FROM attr_values WHERE tenant = $tenant AND attribute = {attribute} AND {condition})";
    }

    private string? Equality(QueryValue value) => value switch
    {
        QueryValue.Single s => EqualSingle(s),
        QueryValue.ValueList list => list.Values.Select(EqualSingle).ToList() is var parts && parts.All(p => p is not null) ? "(" + string.Join(" OR ", parts) + ")" : null,
        QueryValue.Range { Min.Value: { } min, Max.Value: { } max } r when !r.Min.IsDateTime && !r.Max.IsDateTime
            && min.GetValueKind() == JsonValueKind.Number && max.GetValueKind() == JsonValueKind.Number
            => $"num BETWEEN {Parameter(min.GetValue<double>())} AND {Parameter(max.GetValue<double>())}",
        _ => null,
    };

    private string? EqualSingle(QueryValue.Single s)
    {
        if (s.IsDateTime || s.Value is null) return null;
        return s.Value.GetValueKind() switch
        {
            JsonValueKind.Number => $"num = {Parameter(s.Value.GetValue<double>())}",
            JsonValueKind.String when expand is not null => $"str IN ({Parameter(s.Value.GetValue<string>())}, {Parameter(expand(s.Value.GetValue<string>()))})",
            JsonValueKind.String => $"str = {Parameter(s.Value.GetValue<string>())}",
            _ => null,
        };
    }

    private string? Ordering(string op, QueryValue.Single s)
    {
        if (s.IsDateTime || s.Value is null) return null;
        return s.Value.GetValueKind() switch
        {
            JsonValueKind.Number => $"num {op} {Parameter(s.Value.GetValue<double>())}",
            // SQLite orders text by UTF-8 bytes, the evaluator by UTF-16 code units: they differ beyond the BMP, so text
            // ordering is left to the exact filter.
            _ => null,
        };
    }
}
