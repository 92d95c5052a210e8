using System.Globalization;
using System.Text;

namespace Stadtkern.Rdf;

/// <summary>
/// Writes a graph as Turtle 1.1: prefixes, one block per subject with <c>;</c> and <c>,</c>, blank nodes used once
/// written inline as <c>[ … ]</c>, strings and IRIs escaped as the grammar requires.
/// </summary>
public static class TurtleWriter
{
    public static string Write(RdfGraph graph)
    {
        var text = new StringBuilder(graph.Triples.Count * 80);
        foreach (var (prefix, ns) in graph.Prefixes) text.Append("@prefix ").Append(prefix).Append(": ").Append(IriRef(ns)).Append(" .\n");
        if (graph.Prefixes.Count > 0) text.Append('\n');
        var subjects = graph.BySubject().ToDictionary(g => g.Key, g => g.ToList());
        var inline = BlankNodesUsedOnce(graph);
        var written = new HashSet<RdfTerm>();
        foreach (var (subject, triples) in subjects)
        {
            if (inline.Contains(subject)) continue;
            written.Add(subject);
            text.Append(Term(graph, subject));
            Properties(graph, triples, subjects, inline, written, text, "\n    ");
            text.Append(" .\n\n");
        }
        // Blank nodes that only reference each other in a cycle are not reachable from a written subject.
        foreach (var (subject, triples) in subjects.Where(s => !written.Contains(s.Key)))
        {
            written.Add(subject);
            text.Append(Term(graph, subject));
            Properties(graph, triples, subjects, [], written, text, "\n    ");
            text.Append(" .\n\n");
        }
        return text.ToString();
    }

    private static void Properties(RdfGraph graph, List<Triple> triples, Dictionary<RdfTerm, List<Triple>> subjects, HashSet<RdfTerm> inline,
        HashSet<RdfTerm> written, StringBuilder text, string indent)
    {
        var first = true;
        foreach (var byPredicate in triples.GroupBy(t => t.Predicate))
        {
            text.Append(first ? " " : " ;" + indent);
            first = false;
            text.Append(byPredicate.Key == Vocabulary.Type ? "a" : Term(graph, byPredicate.Key)).Append(' ');
            var firstObject = true;
            foreach (var triple in byPredicate)
            {
                if (!firstObject) text.Append(", ");
                firstObject = false;
                if (inline.Contains(triple.Object) && written.Add(triple.Object))
                {
                    text.Append('[');
                    if (subjects.TryGetValue(triple.Object, out var nested)) Properties(graph, nested, subjects, inline, written, text, indent + "    ");
                    text.Append(" ]");
                }
                else text.Append(Term(graph, triple.Object));
            }
        }
    }

    private static HashSet<RdfTerm> BlankNodesUsedOnce(RdfGraph graph)
    {
        var uses = new Dictionary<RdfTerm, int>();
        foreach (var t in graph.Triples)
            if (t.Object is BlankNode b) uses[b] = uses.GetValueOrDefault(b) + 1;
        return [.. uses.Where(u => u.Value == 1).Select(u => u.Key)];
    }

    private static string Term(RdfGraph graph, RdfTerm term) => term switch
    {
        Iri iri => graph.Split(iri.Value) is { } name && IsLocalName(name.Local) ? $"{name.Prefix}:{name.Local}" : IriRef(iri.Value),
        BlankNode b => "_:" + b.Label,
        Literal l => LiteralText(graph, l),
        _ => throw new ArgumentException($"Unknown term {term}."),
    };

    private static string LiteralText(RdfGraph graph, Literal literal)
    {
        var quoted = Quote(literal.Lexical);
        if (literal.Language is not null) return quoted + "@" + literal.Language;
        return literal.IsSimple ? quoted : quoted + "^^" + Term(graph, literal.Datatype!);
    }

    /// <summary>A conservative PN_LOCAL: letters, digits, '_' and '-', not starting with '-'.</summary>
    private static bool IsLocalName(string local) =>
        local.Length > 0 && local[0] != '-' && local.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>An IRIREF; characters the grammar forbids inside &lt;&gt; are written as \u escapes.</summary>
    public static string IriRef(string iri)
    {
        var text = new StringBuilder(iri.Length + 2).Append('<');
        foreach (var c in iri)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        return text.Append('>').ToString();
    }

    /// <summary>A STRING_LITERAL_QUOTE with the escapes Turtle defines; other control characters as \u escapes.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ' or '\u007f': text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        return text.Append('"').ToString();
    }
}
