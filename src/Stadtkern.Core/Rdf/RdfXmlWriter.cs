using System.Text;
using System.Xml;

namespace Stadtkern.Rdf;

/// <summary>
/// Writes a graph as RDF/XML: one <c>rdf:Description</c> per subject (<c>rdf:about</c> or <c>rdf:nodeID</c>), one
/// property element per statement with <c>rdf:resource</c>, <c>rdf:nodeID</c>, <c>xml:lang</c> or <c>rdf:datatype</c>.
/// The XML writer does the escaping.
/// </summary>
public static class RdfXmlWriter
{
    public static string Write(RdfGraph graph)
    {
        using var text = new Utf8StringWriter();
        // Entitized line ends: an XML parser turns a literal carriage return into a line feed, but keeps &#xD;.
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", NewLineHandling = NewLineHandling.Entitize };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rdf", "RDF", Vocabulary.RdfNamespace);
            foreach (var (prefix, ns) in graph.Prefixes)
                if (prefix != "rdf") xml.WriteAttributeString("xmlns", prefix, null, ns);
            foreach (var subject in graph.BySubject())
            {
                xml.WriteStartElement("rdf", "Description", Vocabulary.RdfNamespace);
                Node(xml, subject.Key, "about");
                foreach (var triple in subject) Property(graph, xml, triple);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return text.ToString();
    }

    private static void Property(RdfGraph graph, XmlWriter xml, Triple triple)
    {
        var (prefix, local, ns) = QualifiedName(graph, triple.Predicate.Value);
        xml.WriteStartElement(prefix, local, ns);
        switch (triple.Object)
        {
            case Literal literal:
                if (literal.Language is not null) xml.WriteAttributeString("xml", "lang", null, literal.Language);
                else if (!literal.IsSimple) xml.WriteAttributeString("rdf", "datatype", Vocabulary.RdfNamespace, literal.Datatype!.Value);
                xml.WriteString(XmlText(literal.Lexical));
                break;
            default:
                Node(xml, triple.Object, "resource");
                break;
        }
        xml.WriteEndElement();
    }

    private static void Node(XmlWriter xml, RdfTerm term, string iriAttribute)
    {
        if (term is BlankNode b) xml.WriteAttributeString("rdf", "nodeID", Vocabulary.RdfNamespace, b.Label);
        else xml.WriteAttributeString("rdf", iriAttribute, Vocabulary.RdfNamespace, ((Iri)term).Value);
    }

    /// <summary>
    /// A property IRI as an element name: a declared prefix when the rest is an XML name, otherwise split after the
    /// last '#' or '/' under a generated prefix (RDF/XML cannot write a property whose IRI ends in a non-name).
    /// </summary>
    private static (string Prefix, string Local, string Namespace) QualifiedName(RdfGraph graph, string iri)
    {
        if (graph.Split(iri) is { } name && IsNcName(name.Local)) return (name.Prefix, name.Local, iri[..^name.Local.Length]);
        var cut = Math.Max(iri.LastIndexOf('#'), iri.LastIndexOf('/')) + 1;
        while (cut < iri.Length && !IsNcName(iri[cut..])) cut++;
        if (cut >= iri.Length) throw new ArgumentException($"The property <{iri}> cannot be written in RDF/XML.");
        return ("ns", iri[cut..], iri[..cut]);
    }

    private static bool IsNcName(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>XML 1.0 cannot carry most control characters at all; they become U+FFFD rather than breaking the document.</summary>
    private static string XmlText(string value) =>
        value.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r') || char.IsSurrogate(c))
            ? string.Concat(Enumerable.Range(0, value.Length).Select(i => Valid(value, i) ? value[i].ToString() : "\uFFFD"))
            : value;

    private static bool Valid(string value, int i)
    {
        var c = value[i];
        if (char.IsHighSurrogate(c)) return i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
        if (char.IsLowSurrogate(c)) return i > 0 && char.IsHighSurrogate(value[i - 1]);
        return c >= ' ' || c is '\t' or '\n' or '\r';
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
