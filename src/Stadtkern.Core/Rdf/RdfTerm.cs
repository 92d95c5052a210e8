namespace Stadtkern.Rdf;

/// <summary>A node or value of an RDF graph: an IRI, a blank node or a literal.</summary>
public abstract record RdfTerm;

/// <summary>An absolute IRI.</summary>
public sealed record Iri(string Value) : RdfTerm
{
    public override string ToString() => $"<{Value}>";
}

/// <summary>A blank node, named only within its graph (labels are letters, digits, '-' and '_').</summary>
public sealed record BlankNode(string Label) : RdfTerm
{
    public override string ToString() => $"_:{Label}";
}

/// <summary>
/// A literal: its lexical form with either a language tag (rdf:langString) or a datatype; a literal with neither is
/// an xsd:string.
/// </summary>
public sealed record Literal(string Lexical, Iri? Datatype = null, string? Language = null) : RdfTerm
{
    /// <summary>The datatype as RDF 1.1 defines it: rdf:langString for tagged text, xsd:string when none is given.</summary>
    public Iri EffectiveDatatype => Language is not null ? Vocabulary.LangString : Datatype ?? Vocabulary.XsdString;

    /// <summary>True for a plain xsd:string, which every syntax writes without a datatype.</summary>
    public bool IsSimple => Language is null && (Datatype is null || Datatype == Vocabulary.XsdString);
}

/// <summary>One statement: subject, predicate, object.</summary>
public readonly record struct Triple(RdfTerm Subject, Iri Predicate, RdfTerm Object);

/// <summary>The few IRIs the writers themselves need.</summary>
public static class Vocabulary
{
    public const string RdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string XsdNamespace = "http://www.w3.org/2001/XMLSchema#";

    public static readonly Iri Type = new(RdfNamespace + "type");
    public static readonly Iri LangString = new(RdfNamespace + "langString");
    public static readonly Iri XsdString = new(XsdNamespace + "string");
}
