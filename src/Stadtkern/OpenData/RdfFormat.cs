using System.Text;
using Stadtkern.Rdf;

namespace Stadtkern.Host.OpenData;

/// <summary>The three RDF syntaxes the catalog is served in, by file extension and media type.</summary>
internal sealed record RdfFormat(string Extension, string MediaType, Func<RdfGraph, byte[]> Write)
{
    public static readonly RdfFormat Turtle = new("ttl", "text/turtle", g => Encoding.UTF8.GetBytes(TurtleWriter.Write(g)));
    public static readonly RdfFormat RdfXml = new("rdf", "application/rdf+xml", g => Encoding.UTF8.GetBytes(RdfXmlWriter.Write(g)));
    public static readonly RdfFormat JsonLd = new("jsonld", "application/ld+json", JsonLdWriter.Write);

    public static readonly IReadOnlyList<RdfFormat> All = [Turtle, RdfXml, JsonLd];

    public static RdfFormat? OfExtension(string extension) => All.FirstOrDefault(f => f.Extension == extension);

    /// <summary>The format an Accept header prefers among the three (Turtle when it names none of them).</summary>
    public static RdfFormat Negotiate(string? accept)
    {
        var best = (Format: Turtle, Quality: -1.0);
        foreach (var range in (accept ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            var quality = parts.Skip(1).Where(p => p.StartsWith("q=", StringComparison.Ordinal))
                .Select(p => double.TryParse(p[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q) ? q : 0)
                .DefaultIfEmpty(1).First();
            if (All.FirstOrDefault(f => f.MediaType == parts[0]) is { } format && quality > best.Quality) best = (format, quality);
        }
        return best.Format;
    }

    public IResult Result(RdfGraph graph) => Results.Bytes(Write(graph), MediaType == "text/turtle" ? "text/turtle; charset=utf-8" : MediaType);
}
