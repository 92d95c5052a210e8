using System.Text.Encodings.Web;
using System.Text.Json;

namespace Stadtkern.Rdf;

/// <summary>
/// Writes a graph as compacted JSON-LD: an inline <c>@context</c> of the graph's prefixes, and a flat <c>@graph</c> with
/// one node object per subject. Properties and types are compact IRIs; IRIs in values are written in full.
/// </summary>
public static class JsonLdWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(RdfGraph graph)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("@context");
            foreach (var (prefix, ns) in graph.Prefixes) json.WriteString(prefix, ns);
            json.WriteEndObject();
            json.WriteStartArray("@graph");
            foreach (var subject in graph.BySubject()) Node(graph, json, subject.Key, [.. subject]);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Node(RdfGraph graph, Utf8JsonWriter json, RdfTerm subject, List<Triple> triples)
    {
        json.WriteStartObject();
        json.WriteString("@id", Id(subject));
        var types = triples.Where(t => t.Predicate == Vocabulary.Type && t.Object is Iri).Select(t => Compact(graph, ((Iri)t.Object).Value)).ToList();
        if (types.Count == 1) json.WriteString("@type", types[0]);
        else if (types.Count > 1)
        {
            json.WriteStartArray("@type");
            foreach (var type in types) json.WriteStringValue(type);
            json.WriteEndArray();
        }
        foreach (var byPredicate in triples.Where(t => t.Predicate != Vocabulary.Type || t.Object is not Iri).GroupBy(t => t.Predicate))
        {
            var values = byPredicate.Select(t => t.Object).ToList();
            json.WritePropertyName(Compact(graph, byPredicate.Key.Value));
            if (values.Count > 1) json.WriteStartArray();
            foreach (var value in values) Value(graph, json, value);
            if (values.Count > 1) json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void Value(RdfGraph graph, Utf8JsonWriter json, RdfTerm value)
    {
        switch (value)
        {
            case Literal { IsSimple: true } simple:
                json.WriteStringValue(simple.Lexical);
                break;
            case Literal literal:
                json.WriteStartObject();
                json.WriteString("@value", literal.Lexical);
                if (literal.Language is not null) json.WriteString("@language", literal.Language);
                else json.WriteString("@type", Compact(graph, literal.Datatype!.Value));
                json.WriteEndObject();
                break;
            default:
                json.WriteStartObject();
                json.WriteString("@id", Id(value));
                json.WriteEndObject();
                break;
        }
    }

    private static string Id(RdfTerm term) => term switch
    {
        BlankNode b => "_:" + b.Label,
        Iri iri => iri.Value,
        _ => throw new ArgumentException($"{term} is not a node."),
    };

    /// <summary>A compact IRI for a declared namespace (never one whose rest could read as an authority, "//…").</summary>
    private static string Compact(RdfGraph graph, string iri) =>
        graph.Split(iri) is { } name && !name.Local.StartsWith("//", StringComparison.Ordinal) ? $"{name.Prefix}:{name.Local}" : iri;
}
