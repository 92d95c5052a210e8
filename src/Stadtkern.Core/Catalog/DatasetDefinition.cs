using System.Text.Json.Nodes;
using Stadtkern.Anonymisation;

namespace Stadtkern.Catalog;

/// <summary>Who may see a dataset: public datasets are in the catalog and the CKAN API; internal ones only in the management API.</summary>
public enum Visibility { Public, Internal }

/// <summary>Text in German (required) and English (optional).</summary>
public sealed record LocalisedText(string De, string? En);

/// <summary>The publishing organisation (a foaf:Organization).</summary>
public sealed record Publisher(string Name, string? Uri);

/// <summary>Whom to ask about the data (a vcard:Kind).</summary>
public sealed record ContactPoint(string? Name, string Email);

/// <summary>
/// The DCAT-AP.de metadata of a dataset: titles and descriptions in German and English, publisher, contact point,
/// keywords, EU data themes, spatial coverage by the municipality's Amtlicher Regionalschlüssel, temporal coverage,
/// update frequency and the contributor id of the portal that harvests it.
/// </summary>
public sealed record DatasetMetadata(LocalisedText Title, LocalisedText Description, Publisher Publisher)
{
    public ContactPoint? ContactPoint { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>EU data-theme codes (ENVI, TRAN, …).</summary>
    public IReadOnlyList<string> Themes { get; init; } = [];

    /// <summary>Amtlicher Regionalschlüssel (12 digits) of the area the data covers.</summary>
    public string? RegionalKey { get; init; }

    public DateTimeOffset? TemporalStart { get; init; }

    public DateTimeOffset? TemporalEnd { get; init; }

    /// <summary>EU frequency code (DAILY, HOURLY, …).</summary>
    public string? AccrualPeriodicity { get; init; }

    /// <summary>An IRI under http://dcat-ap.de/def/contributors/.</summary>
    public string? ContributorId { get; init; }
}

/// <summary>Plausibility range of one column.</summary>
public sealed record ValueRange(double? Min, double? Max);

/// <summary>
/// The quality gate of a dataset: plausibility ranges per column, the share of rows that must have every column
/// filled, how old the newest reading may be, and how far a column's mean may move from the previous release's
/// (relative, e.g. 0.5 = 50 %) before the release is held for review.
/// </summary>
public sealed record QualityRules
{
    public IReadOnlyDictionary<string, ValueRange> Ranges { get; init; } = new Dictionary<string, ValueRange>();

    public double? Completeness { get; init; }

    public TimeSpan? MaxAge { get; init; }

    public double? MaxShift { get; init; }

    /// <summary>A release with fewer rows is held (an empty extract is almost always a broken source).</summary>
    public int MinRows { get; init; } = 1;

    public static QualityRules Default { get; } = new();
}

/// <summary>Where a dataset's rows come from.</summary>
public abstract record DatasetSource
{
    /// <summary>The tenant whose data is read.</summary>
    public string Tenant { get; init; } = "";

    /// <summary>The URL of the @context whose terms the query and the columns use (the core context when null).</summary>
    public string? Context { get; init; }
}

/// <summary>The current state of entities matching an NGSI-LD query (parameters as in GET /entities).</summary>
public sealed record EntitySource(IReadOnlyDictionary<string, string> Query) : DatasetSource;

/// <summary>
/// A temporal aggregation: for the entities the query selects, <paramref name="Method"/> of each attribute per
/// period (<paramref name="Period"/>, ISO 8601) over the last <paramref name="Window"/>.
/// </summary>
public sealed record TemporalSource(IReadOnlyDictionary<string, string> Query, string Method, string Period, string Window) : DatasetSource;

/// <summary>
/// A partition of the raw data lake: every message one ingestion source (<c>mqtt</c>, <c>http</c>) received on one UTC
/// day, verbatim — the fixed <paramref name="Day"/>, or the day <paramref name="DaysAgo"/> before the run's.
/// </summary>
public sealed record LakeSource(string LakeSourceName, DateOnly? Day, int DaysAgo) : DatasetSource;

/// <summary>A file uploaded to the dataset (CSV with a header line); each run reads the latest upload.</summary>
public sealed record UploadSource : DatasetSource;

/// <summary>A dataset: its source, anonymisation, licence, schedule, quality gate, metadata and visibility.</summary>
public sealed record DatasetDefinition(string Id, DatasetSource Source, DatasetMetadata Metadata, string Licence)
{
    public AnonymisationProfile? Profile { get; init; }

    /// <summary>A five-field cron expression (UTC), or null for "publish now" only.</summary>
    public string? Schedule { get; init; }

    public QualityRules Quality { get; init; } = QualityRules.Default;

    public Visibility Visibility { get; init; } = Visibility.Public;

    /// <summary>The distribution formats each release is written in (csv, geojson, parquet, jsonld; all four by default).</summary>
    public IReadOnlyList<string> Formats { get; init; } = ["csv", "geojson", "parquet", "jsonld"];

    /// <summary>The total ε the dataset's releases may spend on noise (differential privacy); unlimited when null.</summary>
    public double? PrivacyBudget { get; init; }

    /// <summary>The definition as given (normalised): what the API returns and the store keeps.</summary>
    public required JsonObject Document { get; init; }
}
