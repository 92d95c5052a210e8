using System.Collections.Frozen;
using System.Globalization;
using Stadtkern.Catalog.Harvesting;
using Stadtkern.Errors;
using Stadtkern.Host.OpenData;
using Stadtkern.Rdf;

namespace Stadtkern.Host.Api;

/// <summary>
/// The open catalog in DCAT-AP.de 3.0: /catalog.{ttl,rdf,jsonld} in pages with a Hydra PartialCollectionView (and
/// <c>modified_since</c> for incremental harvesting), and each dataset at /dataset/{id}.{ttl,rdf,jsonld}
/// (docs/catalog-harvesting.md).
/// </summary>
internal static class DcatEndpoints
{
    private static readonly FrozenSet<string> PageParameters = FrozenSet.Create(StringComparer.Ordinal, "page", "modified_since");
    private const string Hydra = DcatTerms.Hydra;

    public static void MapDcatCatalog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Open data catalog (DCAT-AP.de)");
        group.MapGet("/catalog.{extension}", CatalogPage).WithSummary("The catalog in DCAT-AP.de 3.0 (ttl, rdf, jsonld), paged with Hydra");
        group.MapGet("/dataset/{name}", Dataset).WithSummary("One dataset in DCAT-AP.de 3.0 (/dataset/{id}.ttl, .rdf, .jsonld; /dataset/{id} redirects by Accept)");
    }

    private static async Task<IResult> CatalogPage(HttpContext http, string extension, PublishedCatalog published, StadtkernOptions options)
    {
        var format = RdfFormat.OfExtension(extension) ?? throw NgsiLdException.NotFound($"The catalog is served as catalog.ttl, catalog.rdf and catalog.jsonld, not catalog.{extension}.");
        QueryString.Check(http.Request, PageParameters);
        var page = QueryString.Int(http.Request, "page") ?? 1;
        if (page < 1) throw NgsiLdException.BadData("'page' counts from 1.");
        var since = ModifiedSince(http.Request);
        var all = await published.ListAsync(http.RequestAborted);
        var selected = since is { } s ? [.. all.Where(d => d.Modified >= s)] : all;
        var size = Math.Max(1, options.CatalogPageSize);
        var last = Math.Max(1, (selected.Count + size - 1) / size);
        if (page > last) throw NgsiLdException.NotFound($"The catalog has {last} page(s) of {size} datasets; there is no page {page}.");
        var baseUrl = ReleaseDocuments.BaseUrl(http.Request);
        var dcat = new DcatCatalog(options, baseUrl);
        var graph = dcat.Page([.. selected.Skip((page - 1) * size).Take(size)], all.Count == 0 ? null : all.Max(d => d.Modified));
        View(graph, $"{baseUrl}/catalog.{format.Extension}", since, page, last, selected.Count, size);
        http.Response.Headers.CacheControl = "no-cache";
        return format.Result(graph);
    }

    private static async Task<IResult> Dataset(HttpContext http, string name, PublishedCatalog published, StadtkernOptions options)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var dot = name.LastIndexOf('.');
        var id = dot < 0 ? name : name[..dot];
        var format = dot < 0 ? null
            : RdfFormat.OfExtension(name[(dot + 1)..]) ?? throw NgsiLdException.NotFound($"A dataset is served as /dataset/{id}.ttl, .rdf and .jsonld.");
        var dataset = await published.FindAsync(id, http.RequestAborted)
            ?? throw NgsiLdException.NotFound($"The open catalog has no dataset '{id}'.");
        if (format is null)
        {
            // The dataset's IRI names the thing, not a document: 303 to the description in the syntax the client asks for.
            http.Response.Headers.Location = $"{ReleaseDocuments.BaseUrl(http.Request)}/dataset/{id}.{RdfFormat.Negotiate(http.Request.Headers.Accept).Extension}";
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }
        var graph = new DcatCatalog(options, ReleaseDocuments.BaseUrl(http.Request)).DatasetDocument(dataset);
        return format.Result(graph);
    }

    private static DateTimeOffset? ModifiedSince(HttpRequest request) => QueryString.Get(request, "modified_since") switch
    {
        null => null,
        var text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && text.Length >= 10 => at,
        var text => throw NgsiLdException.BadData($"'modified_since' must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z, not '{text}'."),
    };

    /// <summary>The Hydra view of this page: first, last, previous and next pages, and how many datasets there are in all.</summary>
    private static void View(RdfGraph graph, string path, DateTimeOffset? since, int page, int last, int total, int size)
    {
        var filter = since is { } s ? "modified_since=" + Uri.EscapeDataString(DcatCatalog.Instant(s).Lexical) + "&" : "";
        Iri Page(int n) => new($"{path}?{filter}page={n}");
        var view = Page(page);
        var integer = new Iri(DcatTerms.Xsd + "integer");
        graph.Add(view, Vocabulary.Type, new Iri(Hydra + "PartialCollectionView"))
            .Add(view, new Iri(Hydra + "first"), Page(1))
            .Add(view, new Iri(Hydra + "last"), Page(last))
            .AddIf(view, new Iri(Hydra + "previous"), page > 1 ? Page(page - 1) : null)
            .AddIf(view, new Iri(Hydra + "next"), page < last ? Page(page + 1) : null)
            .Add(view, new Iri(Hydra + "totalItems"), new Literal(total.ToString(CultureInfo.InvariantCulture), integer))
            .Add(view, new Iri(Hydra + "itemsPerPage"), new Literal(size.ToString(CultureInfo.InvariantCulture), integer));
    }
}
