using Microsoft.Data.Sqlite;
using Stadtkern.Query;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

/// <summary>The SQL a q expression narrows candidates with: an optional driving index range, and conditions checked per entity.</summary>
/// <param name="Driver">Conditions on alias <c>d</c> (a value-index range) to drive the query from, or null.</param>
/// <param name="DriverOrder">The driver's index order (<c>d.num, d.seq</c>), so that pages stream without sorting.</param>
/// <param name="Conditions">Conditions on alias <c>e</c> (EXISTS look-ups by entity), or null.</param>
internal sealed record TranslatedQuery(string? Driver, string? DriverOrder, string? Conditions);

/// <summary>
/// Translates the parts of a q expression that the value index can answer into SQL that selects a superset of the
/// matching entities (<see cref="ValueIndexSql"/>). The first comparison of the top-level conjunction drives the query
/// from its index range, so a page is found without reading every candidate; the other terms are checked per entity
/// through the (seq, attribute) index.
/// </summary>
internal sealed class SqliteQueryTranslator
{
    private readonly ValueIndexSql _sql;

    public SqliteQueryTranslator(SqliteCommand command, Func<string, string>? expand)
    {
        var next = 0;
        _sql = new ValueIndexSql(value =>
        {
            var name = $"$qv{next++}";
            command.Parameters.AddWithValue(name, value);
            return name;
        }, alias => $"{alias}.seq = e.seq", expand);
    }

    public TranslatedQuery Translate(QueryExpression expression)
    {
        var terms = expression is QueryExpression.And and ? and.Terms : [expression];
        string? driver = null;
        string? order = null;
        var conditions = new List<string>();
        foreach (var term in terms)
        {
            if (driver is null && term is QueryExpression.Term t && _sql.Comparison(t, "d") is { } c && c.Column is not null)
            {
                driver = $"d.tenant = $tenant AND d.attribute = {c.Attribute} AND {c.Condition}";
                order = $"d.{c.Column}, d.seq";
                continue;
            }
            if (_sql.Exists(term) is { } exists) conditions.Add(exists);
        }
        return new TranslatedQuery(driver, order, conditions.Count == 0 ? null : string.Join(" AND ", conditions));
    }
}
