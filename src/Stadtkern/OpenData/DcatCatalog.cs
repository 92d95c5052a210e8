using System.Globalization;
using Stadtkern.Catalog;
using Stadtkern.Catalog.Harvesting;
using Stadtkern.Host.Api;
using Stadtkern.Rdf;
using static Stadtkern.Host.OpenData.DcatTerms;

namespace Stadtkern.Host.OpenData;

/// <summary>
/// Builds the DCAT-AP.de 3.0 graph of the open catalog: the catalog, its datasets with their metadata, and each
/// dataset's distributions (the files of its latest release, each with its licence and SHA-256). Earlier releases are
/// versions of the dataset (<c>dcat:hasVersion</c>) in the dataset's own document, so that a harvester reading the
/// catalog sees one dataset per definition.
/// </summary>
internal sealed class DcatCatalog(StadtkernOptions options, string baseUrl)
{
    public Iri CatalogIri => new($"{baseUrl}/catalog");

    public Iri DatasetIri(string id) => new($"{baseUrl}/dataset/{id}");

    /// <summary>One page of the catalog: the catalog node with the page's datasets, and the datasets themselves.</summary>
    public RdfGraph Page(IReadOnlyList<PublishedDataset> datasets, DateTimeOffset? modified)
    {
        var graph = NewGraph();
        var catalog = CatalogIri;
        graph.Add(catalog, Vocabulary.Type, CatalogClass)
            .Add(catalog, DctTerm("title"), new Literal(options.CatalogTitle, Language: "de"))
            .Add(catalog, DctTerm("description"), new Literal(options.CatalogDescription, Language: "de"))
            .Add(catalog, DctTerm("publisher"), CatalogPublisher(graph))
            .Add(catalog, Homepage, new Iri(IriText.Clean(options.CatalogHomepage is { Length: > 0 } home ? home : baseUrl + "/")))
            .Add(catalog, DctTerm("language"), new Iri(Languages + "DEU"))
            .AddIf(catalog, DctTerm("modified"), modified is { } m ? Instant(m) : null);
        foreach (var dataset in datasets)
        {
            graph.Add(catalog, DcatTerm("dataset"), DatasetIri(dataset.Id));
            Dataset(graph, dataset, withVersions: false);
        }
        return graph;
    }

    /// <summary>A dataset's own document: the dataset, its distributions, and its earlier releases as versions.</summary>
    public RdfGraph DatasetDocument(PublishedDataset dataset)
    {
        var graph = NewGraph();
        Dataset(graph, dataset, withVersions: true);
        return graph;
    }

    private void Dataset(RdfGraph graph, PublishedDataset dataset, bool withVersions)
    {
        var subject = DatasetIri(dataset.Id);
        var publisher = Agent(graph, dataset.Definition.Metadata.Publisher);
        Describe(graph, subject, dataset, dataset.Latest, publisher);
        graph.Add(subject, DctTerm("identifier"), new Literal(subject.Value))
            .Add(subject, DctTerm("modified"), Instant(dataset.Modified));
        var metadata = dataset.Definition.Metadata;
        foreach (var keyword in metadata.Keywords) graph.Add(subject, DcatTerm("keyword"), new Literal(keyword, Language: "de"));
        foreach (var theme in metadata.Themes) graph.Add(subject, DcatTerm("theme"), new Iri(DataThemes + theme));
        if (metadata.RegionalKey is { } key)
        {
            // The key's IRI is a place of the DCAT-AP.de geocoding vocabulary; saying so lets the shapes check it as a dct:Location.
            var place = new Iri(RegionalKeys + key);
            graph.Add(subject, DctTerm("spatial"), place).Add(place, Vocabulary.Type, DctTerm("Location"))
                .Add(subject, GeocodingLevel, new Iri(GeocodingLevels + "municipality"));
        }
        if (metadata.TemporalStart is not null || metadata.TemporalEnd is not null)
        {
            var period = graph.NewBlankNode();
            graph.Add(subject, DctTerm("temporal"), period).Add(period, Vocabulary.Type, PeriodOfTime)
                .AddIf(period, DcatTerm("startDate"), metadata.TemporalStart is { } start ? Instant(start) : null)
                .AddIf(period, DcatTerm("endDate"), metadata.TemporalEnd is { } end ? Instant(end) : null);
        }
        graph.AddIf(subject, DctTerm("accrualPeriodicity"), metadata.AccrualPeriodicity is { } f ? new Iri(Frequencies + f) : null)
            .AddIf(subject, ContributorId, metadata.ContributorId is { } c ? new Iri(IriText.Clean(c)) : null);
        if (metadata.ContactPoint is { } contact)
        {
            var kind = graph.NewBlankNode();
            graph.Add(subject, DcatTerm("contactPoint"), kind).Add(kind, Vocabulary.Type, VcardOrganization)
                .Add(kind, VcardFn, new Literal(contact.Name ?? metadata.Publisher.Name))
                .Add(kind, VcardEmail, new Iri("mailto:" + IriText.Clean(contact.Email)));
        }
        if (!withVersions) return;
        foreach (var release in dataset.Releases.Skip(1))
        {
            var version = new Iri($"{subject.Value}#release-{release.Number}");
            graph.Add(subject, DcatTerm("hasVersion"), version);
            Describe(graph, version, dataset, release, publisher);
            graph.Add(version, DcatTerm("isVersionOf"), subject);
        }
    }

    /// <summary>What a dataset and each of its versions carry: titles, descriptions, publisher, release number and files.</summary>
    private void Describe(RdfGraph graph, Iri subject, PublishedDataset dataset, Release release, RdfTerm publisher)
    {
        var metadata = dataset.Definition.Metadata;
        var suffix = subject == DatasetIri(dataset.Id) ? "" : $" ({release.Number})";
        graph.Add(subject, Vocabulary.Type, DatasetClass);
        Localised(graph, subject, DctTerm("title"), metadata.Title, suffix);
        Localised(graph, subject, DctTerm("description"), metadata.Description, "");
        graph.Add(subject, DctTerm("publisher"), publisher)
            .Add(subject, DctTerm("issued"), Instant(suffix.Length == 0 ? dataset.Issued : release.PublishedAt ?? release.CreatedAt))
            .Add(subject, DcatTerm("version"), new Literal(release.Number.ToString(CultureInfo.InvariantCulture)));
        foreach (var file in release.Distributions) graph.Add(subject, DcatTerm("distribution"), Distribution(graph, dataset, release, file));
    }

    private Iri Distribution(RdfGraph graph, PublishedDataset dataset, Release release, DistributionInfo file)
    {
        var subject = new Iri($"{DatasetIri(dataset.Id).Value}#{Uri.EscapeDataString(file.FileName)}");
        var url = new Iri(ReleaseDocuments.FileUrl(baseUrl, release, file));
        var checksum = graph.NewBlankNode();
        var type = FileType(file.Format);
        graph.Add(subject, Vocabulary.Type, DistributionClass)
            .Add(subject, DctTerm("title"), new Literal($"{dataset.Definition.Metadata.Title.De} ({type}, Release {release.Number})", Language: "de"))
            .Add(subject, DcatTerm("accessURL"), url)
            .Add(subject, DcatTerm("downloadURL"), url)
            .Add(subject, DctTerm("format"), new Iri(FileTypes + type))
            .Add(subject, DcatTerm("mediaType"), new Iri(MediaTypes + file.MediaType))
            .Add(subject, DcatTerm("byteSize"), new Literal(file.Bytes.ToString(CultureInfo.InvariantCulture), NonNegativeInteger))
            .Add(subject, DctTerm("license"), new Iri(Licences + dataset.Definition.Licence))
            .Add(subject, DctTerm("issued"), Instant(release.PublishedAt ?? release.CreatedAt))
            .Add(subject, ChecksumProperty, checksum)
            .Add(checksum, Vocabulary.Type, Checksum)
            .Add(checksum, ChecksumAlgorithm, Sha256)
            .Add(checksum, ChecksumValue, new Literal(file.Sha256, HexBinary));
        return subject;
    }

    private RdfTerm CatalogPublisher(RdfGraph graph) =>
        Agent(graph, new Publisher(options.CatalogPublisher, options.CatalogPublisherUri is { Length: > 0 } uri ? uri : null), $"{baseUrl}/catalog#publisher");

    /// <summary>A publisher as a foaf:Organization: its own IRI when it has one, otherwise a blank node.</summary>
    private static RdfTerm Agent(RdfGraph graph, Publisher publisher, string? fallback = null)
    {
        RdfTerm node = publisher.Uri is { } uri ? new Iri(IriText.Clean(uri)) : fallback is not null ? new Iri(fallback) : graph.NewBlankNode();
        graph.Add(node, Vocabulary.Type, Organization).Add(node, FoafName, new Literal(publisher.Name));
        return node;
    }

    private static void Localised(RdfGraph graph, Iri subject, Iri predicate, LocalisedText text, string suffix)
    {
        graph.Add(subject, predicate, new Literal(text.De + suffix, Language: "de"));
        if (text.En is { } en) graph.Add(subject, predicate, new Literal(en + suffix, Language: "en"));
    }

    public static Literal Instant(DateTimeOffset at) =>
        new(at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), DcatTerms.DateTime);
}
