using System.Text;
using Stadtkern.Rdf;
using Stadtkern.Tests.Catalog.Support;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Catalog.Dcat;

/// <summary>
/// Our Turtle, RDF/XML and JSON-LD writers against independent parsers (the npm n3, rdfxml-streaming-parser and jsonld
/// packages): awkward strings, IRIs that need escaping, names no prefix can shorten, and nested and shared blank
/// nodes all come back as the same triples from every syntax.
/// </summary>
public sealed class RdfWriterTests : IDisposable
{
    private readonly TempDirectory _files = new("rdf");

    public void Dispose() => _files.Dispose();

    private static RdfGraph AwkwardGraph()
    {
        var graph = new RdfGraph().Prefix("ex", "http://example.org/ns#").Prefix("dct", "http://purl.org/dc/terms/");
        var subject = new Iri(IriText.Clean("http://example.org/a b<c>\"d\"{e}|f^g`h\\i/ä"));
        var title = new Iri("http://purl.org/dc/terms/title");
        graph.Add(subject, Vocabulary.Type, new Iri("http://example.org/ns#Thing"))
            .Add(subject, title, new Literal("quote \" backslash \\ newline \n return \r tab \t end"))
            .Add(subject, title, new Literal("Grüße 🌳 <b>&amp;</b>", Language: "de"))
            .Add(subject, title, new Literal("'single' and \"\"\"triple\"\"\"", Language: "en"))
            .Add(subject, new Iri("http://example.org/ns#count"), new Literal("42", new Iri(Vocabulary.XsdNamespace + "nonNegativeInteger")))
            .Add(subject, new Iri("http://example.org/ns#with.dot"), new Literal(""))
            .Add(subject, new Iri("http://other.example/vocab/property"), new Iri("http://example.org/ns#"))
            .Add(subject, new Iri("http://example.org/ns#1st"), new Iri("mailto:someone@example.org"));
        var outer = graph.NewBlankNode();
        var inner = graph.NewBlankNode();
        var shared = graph.NewBlankNode();
        graph.Add(subject, new Iri("http://example.org/ns#nested"), outer)
            .Add(outer, new Iri("http://example.org/ns#inner"), inner)
            .Add(inner, new Iri("http://example.org/ns#value"), new Literal("deep"))
            .Add(subject, new Iri("http://example.org/ns#shared"), shared)
            .Add(outer, new Iri("http://example.org/ns#shared"), shared)
            .Add(shared, new Iri("http://example.org/ns#value"), new Literal("twice"));
        return graph;
    }

    [SkippableFact]
    public async Task Every_syntax_gives_the_parsers_the_same_triples()
    {
        var graph = AwkwardGraph();
        var turtle = Path.Combine(_files.Path, "g.ttl");
        var xml = Path.Combine(_files.Path, "g.rdf");
        var jsonLd = Path.Combine(_files.Path, "g.jsonld");
        await File.WriteAllTextAsync(turtle, TurtleWriter.Write(graph));
        await File.WriteAllTextAsync(xml, RdfXmlWriter.Write(graph));
        await File.WriteAllBytesAsync(jsonLd, JsonLdWriter.Write(graph));

        var parsed = await ShaclValidator.ParseAsync(turtle, xml, jsonLd);

        Assert.Equal(graph.Triples.Count, parsed[0].Count);
        Assert.Contains(parsed[0], t => t.StartsWith("<http://example.org/a%20b%3Cc%3E%22d%22%7Be%7D%7Cf%5Eg%60h%5Ci/ä> ", StringComparison.Ordinal));
        Assert.Contains(parsed[0], t => t.Contains("\"quote \\\" backslash \\\\ newline \\n return \\r tab \\t end\"", StringComparison.Ordinal));
        Assert.Contains(parsed[0], t => t.Contains("\"Grüße 🌳 <b>&amp;</b>\"@de", StringComparison.Ordinal));
        Assert.Equal(parsed[0], parsed[1]);
        Assert.Equal(parsed[0], parsed[2]);
    }

    [Fact]
    public void Turtle_writes_a_blank_node_used_once_inline_and_one_used_twice_by_label()
    {
        var turtle = TurtleWriter.Write(AwkwardGraph());
        Assert.Contains("ex:nested [ ex:inner [ ex:value \"deep\" ] ;", turtle);
        Assert.Contains("ex:shared _:b2", turtle);
        Assert.Contains("_:b2 ex:value \"twice\" .", turtle);
        Assert.Contains("<http://example.org/ns#with.dot> \"\"", turtle);
        Assert.Contains("a ex:Thing", turtle);
    }

    [Fact]
    public void Rdf_xml_replaces_characters_xml_cannot_carry()
    {
        var graph = new RdfGraph();
        graph.Add(new Iri("http://example.org/s"), new Iri("http://example.org/p"), new Literal("bell \u0007 and lone \ud800 surrogate"));
        var xml = RdfXmlWriter.Write(graph);
        Assert.Contains("bell \uFFFD and lone \uFFFD surrogate", xml);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
        Assert.Contains("\\u0007", TurtleWriter.Write(graph));
        Assert.NotEmpty(Encoding.UTF8.GetBytes(xml));
    }
}
