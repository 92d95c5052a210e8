using Stadtkern.Rdf;

namespace Stadtkern.Host.OpenData;

/// <summary>The namespaces and terms of DCAT-AP.de 3.0 that the catalog writes, and the code lists it points into.</summary>
internal static class DcatTerms
{
    public const string Dcat = "http://www.w3.org/ns/dcat#";
    public const string Dct = "http://purl.org/dc/terms/";
    public const string DcatDe = "http://dcat-ap.de/def/dcatde/";
    public const string Foaf = "http://xmlns.com/foaf/0.1/";
    public const string Vcard = "http://www.w3.org/2006/vcard/ns#";
    public const string Spdx = "http://spdx.org/rdf/terms#";
    public const string Hydra = "http://www.w3.org/ns/hydra/core#";
    public const string Xsd = Vocabulary.XsdNamespace;

    public const string Licences = "http://dcat-ap.de/def/licenses/";
    public const string DataThemes = "http://publications.europa.eu/resource/authority/data-theme/";
    public const string Frequencies = "http://publications.europa.eu/resource/authority/frequency/";
    public const string FileTypes = "http://publications.europa.eu/resource/authority/file-type/";
    public const string Languages = "http://publications.europa.eu/resource/authority/language/";
    public const string MediaTypes = "https://www.iana.org/assignments/media-types/";
    public const string RegionalKeys = "http://dcat-ap.de/def/politicalGeocoding/regionalKey/";
    public const string GeocodingLevels = "http://dcat-ap.de/def/politicalGeocoding/Level/";

    public static Iri DcatTerm(string local) => new(Dcat + local);

    public static Iri DctTerm(string local) => new(Dct + local);

    public static readonly Iri CatalogClass = DcatTerm("Catalog");
    public static readonly Iri DatasetClass = DcatTerm("Dataset");
    public static readonly Iri DistributionClass = DcatTerm("Distribution");
    public static readonly Iri Organization = new(Foaf + "Organization");
    public static readonly Iri FoafName = new(Foaf + "name");
    public static readonly Iri Homepage = new(Foaf + "homepage");
    public static readonly Iri VcardOrganization = new(Vcard + "Organization");
    public static readonly Iri VcardFn = new(Vcard + "fn");
    public static readonly Iri VcardEmail = new(Vcard + "hasEmail");
    public static readonly Iri Checksum = new(Spdx + "Checksum");
    public static readonly Iri ChecksumProperty = new(Spdx + "checksum");
    public static readonly Iri ChecksumAlgorithm = new(Spdx + "algorithm");
    public static readonly Iri Sha256 = new(Spdx + "checksumAlgorithm_sha256");
    public static readonly Iri ChecksumValue = new(Spdx + "checksumValue");
    public static readonly Iri ContributorId = new(DcatDe + "contributorID");
    public static readonly Iri GeocodingLevel = new(DcatDe + "politicalGeocodingLevelURI");
    public static readonly Iri PeriodOfTime = DctTerm("PeriodOfTime");

    public static readonly Iri DateTime = new(Xsd + "dateTime");
    public static readonly Iri NonNegativeInteger = new(Xsd + "nonNegativeInteger");
    public static readonly Iri HexBinary = new(Xsd + "hexBinary");

    /// <summary>The EU file-type code of each distribution format the publication pipeline writes.</summary>
    public static string FileType(string format) => format switch
    {
        "csv" => "CSV",
        "geojson" => "GEOJSON",
        "parquet" => "PARQUET",
        "jsonld" => "JSON_LD",
        _ => format.ToUpperInvariant(),
    };

    /// <summary>A graph with the prefixes the catalog's documents use.</summary>
    public static RdfGraph NewGraph() => new RdfGraph()
        .Prefix("dcat", Dcat).Prefix("dct", Dct).Prefix("dcatde", DcatDe).Prefix("foaf", Foaf).Prefix("vcard", Vcard)
        .Prefix("spdx", Spdx).Prefix("hydra", Hydra).Prefix("xsd", Xsd).Prefix("rdf", Vocabulary.RdfNamespace);
}
