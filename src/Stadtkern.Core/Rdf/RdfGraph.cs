namespace Stadtkern.Rdf;

/// <summary>
/// A set of triples in the order they were added (so that writers group a subject's statements as they were made),
/// with the prefixes the writers abbreviate IRIs with. Adding a triple twice keeps one.
/// </summary>
public sealed class RdfGraph
{
    private readonly List<Triple> _triples = [];
    private readonly HashSet<Triple> _seen = [];
    private readonly List<(string Prefix, string Namespace)> _prefixes = [];
    private int _blankNodes;

    public IReadOnlyList<Triple> Triples => _triples;

    /// <summary>Prefix declarations, in the order given.</summary>
    public IReadOnlyList<(string Prefix, string Namespace)> Prefixes => _prefixes;

    public RdfGraph Prefix(string prefix, string ns)
    {
        if (!_prefixes.Any(p => p.Prefix == prefix)) _prefixes.Add((prefix, ns));
        return this;
    }

    public BlankNode NewBlankNode() => new($"b{_blankNodes++}");

    public RdfGraph Add(RdfTerm subject, Iri predicate, RdfTerm obj)
    {
        if (subject is Literal) throw new ArgumentException("A literal cannot be a subject.", nameof(subject));
        var triple = new Triple(subject, predicate, obj);
        if (_seen.Add(triple)) _triples.Add(triple);
        return this;
    }

    /// <summary>Adds the triple only when there is an object (optional metadata).</summary>
    public RdfGraph AddIf(RdfTerm subject, Iri predicate, RdfTerm? obj) => obj is null ? this : Add(subject, predicate, obj);

    public bool Remove(Triple triple) => _seen.Remove(triple) && _triples.Remove(triple);

    /// <summary>Statements grouped by subject, subjects in order of their first statement.</summary>
    public IEnumerable<IGrouping<RdfTerm, Triple>> BySubject() => _triples.GroupBy(t => t.Subject);

    /// <summary>The longest declared namespace that <paramref name="iri"/> starts with, and its local part.</summary>
    public (string Prefix, string Local)? Split(string iri)
    {
        (string, string)? best = null;
        var length = 0;
        foreach (var (prefix, ns) in _prefixes)
            if (ns.Length > length && iri.Length > ns.Length && iri.StartsWith(ns, StringComparison.Ordinal))
                (best, length) = ((prefix, iri[ns.Length..]), ns.Length);
        return best;
    }
}
