using System.Text.Json.Nodes;

namespace Stadtkern.Query;

/// <summary>A parsed NGSI-LD query (<c>q</c>, clause 4.9): terms joined by <c>;</c> (and) and <c>|</c> (or).</summary>
public abstract record QueryExpression
{
    public sealed record And(IReadOnlyList<QueryExpression> Terms) : QueryExpression;

    public sealed record Or(IReadOnlyList<QueryExpression> Terms) : QueryExpression;

    /// <summary>One comparison; with a null operator it tests that the attribute exists.</summary>
    public sealed record Term(AttributePath Path, string? Operator, QueryValue? Value) : QueryExpression;

    /// <summary><c>!attr</c>: the attribute (or path) does not exist.</summary>
    public sealed record Absent(AttributePath Path) : QueryExpression;
}

/// <summary>An attribute, then sub-attributes (<c>a.b</c>, expanded IRIs), then keys inside the value (<c>a[k1][k2]</c>).</summary>
public sealed record AttributePath(IReadOnlyList<string> Attributes, IReadOnlyList<string> Keys)
{
    public string Attribute => Attributes[0];
}

/// <summary>The right-hand side of a comparison.</summary>
public abstract record QueryValue
{
    public sealed record Single(JsonNode? Value, bool IsDateTime) : QueryValue;

    public sealed record ValueList(IReadOnlyList<Single> Values) : QueryValue;

    public sealed record Range(Single Min, Single Max) : QueryValue;

    /// <summary>A regular expression (<c>~=</c>).</summary>
    public sealed record Pattern(System.Text.RegularExpressions.Regex Regex) : QueryValue;
}
