using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stadtkern.Anonymisation;
using Stadtkern.Errors;
using Stadtkern.Temporal;

namespace Stadtkern.Catalog;

/// <summary>
/// Reads a dataset definition from its JSON document (docs/catalog.md); every mistake is a BadRequestData problem
/// that names the member, so a definition is either wholly valid or not stored.
/// </summary>
public static partial class DatasetReader
{
    /// <summary>The DCAT-AP.de licence list (http://dcat-ap.de/def/licenses/…), open and closed entries.</summary>
    public static readonly FrozenSet<string> Licences = FrozenSet.Create(StringComparer.Ordinal,
        "apache", "bsd", "cc-by", "cc-by/4.0", "cc-by-de/3.0", "cc-by-nc", "cc-by-nc-de/3.0", "cc-by-nc/4.0", "cc-by-nd", "cc-by-nd/3.0",
        "cc-by-nd/4.0", "cc-by-sa", "cc-by-sa-de/3.0", "cc-by-sa/4.0", "ccpdm/1.0", "cc-zero", "dl-by-de/1.0", "dl-by-de/2.0",
        "dl-by-nc-de/1.0", "dl-zero-de/2.0", "geonutz/20130319", "geoNutz/20131001", "gfdl", "gpl/3.0", "mozilla", "odbl", "odby",
        "odcpddl", "officialWork", "other-closed", "other-commercial", "other-freeware", "other-open", "other-opensource");

    /// <summary>EU data themes.</summary>
    public static readonly FrozenSet<string> Themes = FrozenSet.Create(StringComparer.Ordinal,
        "AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN");

    /// <summary>EU frequency codes.</summary>
    public static readonly FrozenSet<string> Frequencies = FrozenSet.Create(StringComparer.Ordinal,
        "CONT", "UPDATE_CONT", "HOURLY", "DAILY", "DAILY_2", "WEEKLY", "WEEKLY_2", "WEEKLY_3", "BIWEEKLY", "MONTHLY", "MONTHLY_2",
        "MONTHLY_3", "BIMONTHLY", "QUARTERLY", "ANNUAL", "ANNUAL_2", "ANNUAL_3", "BIENNIAL", "TRIENNIAL", "IRREG", "NEVER", "OTHER", "UNKNOWN");

    private static readonly FrozenSet<string> QueryParameters = FrozenSet.Create(StringComparer.Ordinal,
        "id", "idPattern", "type", "attrs", "q", "scopeQ", "georel", "geometry", "coordinates", "geoproperty");

    private static readonly FrozenSet<string> AggregationMethods = FrozenSet.Create(StringComparer.Ordinal,
        "totalCount", "distinctCount", "sum", "avg", "min", "max", "stddev", "sumsq");

    public const string ContributorPrefix = "http://dcat-ap.de/def/contributors/";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$", RegexOptions.CultureInvariant)]
    public static partial Regex IdPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    public static DatasetDefinition Read(JsonObject document, string? expectedId = null)
    {
        Only(document, "dataset", "id", "source", "metadata", "licence", "profile", "schedule", "quality", "visibility", "privacyBudget", "formats");
        var id = Text(document, "id", "dataset") ?? expectedId ?? throw NgsiLdException.BadData("A dataset needs an 'id'.");
        if (!IdPattern().IsMatch(id))
            throw NgsiLdException.BadData($"The dataset id '{id}' must be 2 to 100 lower-case letters, digits and hyphens (it becomes part of URLs).");
        if (expectedId is not null && id != expectedId) throw NgsiLdException.BadData($"The body's id '{id}' differs from the URL's '{expectedId}'.");
        var licence = Text(document, "licence", "dataset") ?? throw NgsiLdException.BadData("A dataset needs a 'licence' from the DCAT-AP.de list, e.g. dl-by-de/2.0.");
        if (!Licences.Contains(licence)) throw NgsiLdException.BadData($"'{licence}' is not in the DCAT-AP.de licence list (e.g. dl-by-de/2.0, dl-zero-de/2.0, cc-by/4.0).");
        var schedule = Text(document, "schedule", "dataset");
        if (schedule is not null) PublicationSchedule.Parse(schedule);
        var visibility = Text(document, "visibility", "dataset") switch
        {
            null or "public" => Visibility.Public,
            "internal" => Visibility.Internal,
            var other => throw NgsiLdException.BadData($"'visibility' must be public or internal, not '{other}'."),
        };
        var profile = document["profile"] switch
        {
            null => null,
            JsonObject p => AnonymisationProfile.Read(p),
            _ => throw NgsiLdException.BadData("'profile' must be an anonymisation profile object (docs/anonymisation.md)."),
        };
        var budget = Number(document, "privacyBudget", "dataset");
        if (budget is <= 0 or > 1000) throw NgsiLdException.BadData("'privacyBudget' is the total ε for noise over all releases: a number above 0 (at most 1000).");
        var formats = document["formats"] is null ? null : Strings(document, "formats", 4);
        if (formats is { Count: 0 } || formats?.FirstOrDefault(f => PublicationPipeline.Formats.All(x => x.Format != f)) is { } unknown)
            throw NgsiLdException.BadData($"'formats' lists one or more of csv, geojson, parquet, jsonld{(formats is { Count: > 0 } ? $", not '{formats.First(f => PublicationPipeline.Formats.All(x => x.Format != f))}'" : "")}.");
        var normalised = (JsonObject)document.DeepClone();
        normalised["id"] = id;
        return new DatasetDefinition(id, Source(document["source"]), Metadata(document["metadata"]), licence)
        {
            Profile = profile,
            Schedule = schedule,
            Quality = Quality(document["quality"]),
            Visibility = visibility,
            PrivacyBudget = budget,
            Formats = formats ?? ["csv", "geojson", "parquet", "jsonld"],
            Document = normalised,
        };
    }

    private static DatasetSource Source(JsonNode? node)
    {
        if (node is not JsonObject source) throw NgsiLdException.BadData("A dataset needs a 'source' object with a 'kind': entities, temporal, lake or upload.");
        var tenant = Text(source, "tenant", "source") is { } t && t != "default" ? t : "";
        var context = Iri(source, "context", "source");
        switch (Text(source, "kind", "source"))
        {
            case "entities":
                Only(source, "source", "kind", "tenant", "context", "query");
                return new EntitySource(Query(source)) { Tenant = tenant, Context = context };
            case "temporal":
                Only(source, "source", "kind", "tenant", "context", "query", "method", "period", "window");
                var method = Text(source, "method", "source") ?? "avg";
                if (!AggregationMethods.Contains(method)) throw NgsiLdException.BadData($"'method' must be one of {string.Join(", ", AggregationMethods)}.");
                var period = Duration(source, "period") ?? "PT1H";
                var window = Duration(source, "window") ?? "P1D";
                return new TemporalSource(Query(source), method, period, window) { Tenant = tenant, Context = context };
            case "lake":
                Only(source, "source", "kind", "tenant", "lakeSource", "day", "daysAgo");
                var name = Text(source, "lakeSource", "source") ?? throw NgsiLdException.BadData("A lake source names its 'lakeSource' (mqtt, http, dead-letter).");
                DateOnly? day = Text(source, "day", "source") switch
                {
                    null => null,
                    var d when DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed,
                    var d => throw NgsiLdException.BadData($"'day' of 'source' must be a date YYYY-MM-DD, not '{d}'."),
                };
                var ago = Number(source, "daysAgo", "source");
                if (ago is { } a && (a < 0 || a > 3650 || a % 1 != 0)) throw NgsiLdException.BadData("'daysAgo' is a whole number of days from 0 to 3650.");
                if (day is not null && ago is not null) throw NgsiLdException.BadData("A lake source takes either 'day' or 'daysAgo'.");
                return new LakeSource(name, day, (int)(ago ?? 1)) { Tenant = tenant };
            case "upload":
                Only(source, "source", "kind", "tenant");
                return new UploadSource { Tenant = tenant };
            default:
                throw NgsiLdException.BadData("'kind' of 'source' must be entities, temporal, lake or upload.");
        }
    }

    private static Dictionary<string, string> Query(JsonObject source)
    {
        if (source["query"] is not JsonObject query || query.Count == 0)
            throw NgsiLdException.BadData("The source needs a 'query' object of NGSI-LD query parameters (type, q, attrs, georel, …).");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (!QueryParameters.Contains(name)) throw NgsiLdException.BadData($"'{name}' is not a query parameter a dataset source can use ({string.Join(", ", QueryParameters)}).");
            parameters[name] = Text(query, name, "query") ?? throw NgsiLdException.BadData($"'{name}' of 'query' must be a non-empty string.");
        }
        if (!parameters.ContainsKey("type") && !parameters.ContainsKey("attrs") && !parameters.ContainsKey("q") && !parameters.ContainsKey("georel"))
            throw NgsiLdException.BadData("The source's query needs at least one of type, attrs, q or georel.");
        return parameters;
    }

    private static string? Duration(JsonObject source, string member) => Text(source, member, "source") switch
    {
        null => null,
        var text when IsoDuration.TryParse(text, out var d) && !d.IsZero => text,
        var text => throw NgsiLdException.BadData($"'{member}' of 'source' must be an ISO 8601 duration such as PT1H, not '{text}'."),
    };

    private static DatasetMetadata Metadata(JsonNode? node)
    {
        if (node is not JsonObject m) throw NgsiLdException.BadData("A dataset needs 'metadata' with at least title, description and publisher.");
        Only(m, "metadata", "title", "description", "publisher", "contactPoint", "keywords", "themes", "regionalKey", "temporal",
            "accrualPeriodicity", "contributorId");
        var publisher = m["publisher"] as JsonObject ?? throw NgsiLdException.BadData("'publisher' of 'metadata' must be an object with a 'name' (and a 'uri').");
        Only(publisher, "publisher", "name", "uri");
        var contact = m["contactPoint"] switch
        {
            null => null,
            JsonObject c => Contact(c),
            _ => throw NgsiLdException.BadData("'contactPoint' of 'metadata' must be an object with an 'email'."),
        };
        var keywords = Strings(m, "keywords", 50);
        var themes = Strings(m, "themes", 13);
        foreach (var theme in themes)
            if (!Themes.Contains(theme)) throw NgsiLdException.BadData($"'{theme}' is not an EU data theme ({string.Join(", ", Themes)}).");
        var key = Text(m, "regionalKey", "metadata");
        if (key is not null && (key.Length != 12 || !key.All(char.IsAsciiDigit)))
            throw NgsiLdException.BadData("'regionalKey' must be the 12-digit Amtlicher Regionalschlüssel (e.g. 081110000000 for Stuttgart).");
        var frequency = Text(m, "accrualPeriodicity", "metadata");
        if (frequency is not null && !Frequencies.Contains(frequency)) throw NgsiLdException.BadData($"'{frequency}' is not an EU frequency code (e.g. DAILY, HOURLY, CONT).");
        var contributor = Text(m, "contributorId", "metadata");
        if (contributor is not null && (!contributor.StartsWith(ContributorPrefix, StringComparison.Ordinal) || contributor.Length == ContributorPrefix.Length))
            throw NgsiLdException.BadData($"'contributorId' must be an IRI under {ContributorPrefix}.");
        var (start, end) = Temporal(m["temporal"]);
        return new DatasetMetadata(Localised(m, "title", 300), Localised(m, "description", 10_000),
            new Publisher(Text(publisher, "name", "publisher") ?? throw NgsiLdException.BadData("'publisher' needs a 'name'."), Iri(publisher, "uri", "publisher")))
        {
            ContactPoint = contact,
            Keywords = keywords,
            Themes = themes,
            RegionalKey = key,
            TemporalStart = start,
            TemporalEnd = end,
            AccrualPeriodicity = frequency,
            ContributorId = contributor,
        };
    }

    private static ContactPoint Contact(JsonObject c)
    {
        Only(c, "contactPoint", "name", "email");
        var email = Text(c, "email", "contactPoint") ?? throw NgsiLdException.BadData("'contactPoint' needs an 'email'.");
        if (!EmailPattern().IsMatch(email)) throw NgsiLdException.BadData($"'{email}' is not an e-mail address.");
        return new ContactPoint(Text(c, "name", "contactPoint"), email);
    }

    private static (DateTimeOffset?, DateTimeOffset?) Temporal(JsonNode? node)
    {
        if (node is null) return (null, null);
        if (node is not JsonObject t) throw NgsiLdException.BadData("'temporal' of 'metadata' must be an object with 'start' and/or 'end'.");
        Only(t, "temporal", "start", "end");
        DateTimeOffset? At(string member) => Text(t, member, "temporal") switch
        {
            null => null,
            var s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at.ToUniversalTime(),
            var s => throw NgsiLdException.BadData($"'{member}' of 'temporal' must be an ISO 8601 date-time, not '{s}'."),
        };
        var (start, end) = (At("start"), At("end"));
        if (start > end) throw NgsiLdException.BadData("'start' of 'temporal' is after its 'end'.");
        return (start, end);
    }

    private static LocalisedText Localised(JsonObject m, string member, int max)
    {
        if (m[member] is not JsonObject text) throw NgsiLdException.BadData($"'{member}' of 'metadata' must be an object with 'de' (and 'en').");
        Only(text, member, "de", "en");
        var de = Text(text, "de", member, max) ?? throw NgsiLdException.BadData($"'{member}' needs German text ('de').");
        return new LocalisedText(de, Text(text, "en", member, max));
    }

    private static QualityRules Quality(JsonNode? node)
    {
        if (node is null) return QualityRules.Default;
        if (node is not JsonObject q) throw NgsiLdException.BadData("'quality' must be an object (ranges, completeness, maxAge, maxShift, minRows).");
        Only(q, "quality", "ranges", "completeness", "maxAge", "maxShift", "minRows");
        var ranges = new Dictionary<string, ValueRange>(StringComparer.Ordinal);
        if (q["ranges"] is { } r)
        {
            if (r is not JsonObject ro || ro.Count > 100) throw NgsiLdException.BadData("'ranges' must be an object of at most 100 columns, each {\"min\": …, \"max\": …}.");
            foreach (var (column, value) in ro)
            {
                if (value is not JsonObject range) throw NgsiLdException.BadData($"The range of '{column}' must be an object with 'min' and/or 'max'.");
                Only(range, column, "min", "max");
                var (min, max) = (Number(range, "min", column), Number(range, "max", column));
                if (min is null && max is null || min > max) throw NgsiLdException.BadData($"The range of '{column}' needs min ≤ max.");
                ranges[column] = new ValueRange(min, max);
            }
        }
        var completeness = Number(q, "completeness", "quality");
        if (completeness is < 0 or > 1) throw NgsiLdException.BadData("'completeness' is a share from 0 to 1.");
        var shift = Number(q, "maxShift", "quality");
        if (shift is <= 0) throw NgsiLdException.BadData("'maxShift' is a positive share (0.5 = the mean may move by 50 %).");
        TimeSpan? maxAge = Text(q, "maxAge", "quality") switch
        {
            null => null,
            var text when IsoDuration.TryParse(text, out var d) && d.Years == 0 && d.Months == 0 && d.Fixed > TimeSpan.Zero => d.Fixed,
            var text => throw NgsiLdException.BadData($"'maxAge' must be an ISO 8601 duration in days or less (e.g. PT2H), not '{text}'."),
        };
        var minRows = Number(q, "minRows", "quality");
        if (minRows is { } m && (m < 0 || m > 1e9 || m % 1 != 0)) throw NgsiLdException.BadData("'minRows' is a whole number ≥ 0.");
        return new QualityRules { Ranges = ranges, Completeness = completeness, MaxShift = shift, MaxAge = maxAge, MinRows = (int)(minRows ?? 1) };
    }

    private static void Only(JsonObject o, string what, params string[] members)
    {
        foreach (var (name, _) in o)
            if (Array.IndexOf(members, name) < 0) throw NgsiLdException.BadData($"'{name}' is not a member of '{what}' ({string.Join(", ", members)}).");
    }

    private static string? Text(JsonObject o, string member, string what, int max = 500) => o[member] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim() is { Length: > 0 } s && s.Length <= max => s,
        _ => throw NgsiLdException.BadData($"'{member}' of '{what}' must be a non-empty string of at most {max} characters."),
    };

    private static string? Iri(JsonObject o, string member, string what) => Text(o, member, what) switch
    {
        null => null,
        var s when Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" => s,
        var s => throw NgsiLdException.BadData($"'{member}' of '{what}' must be an http(s) IRI, not '{s}'."),
    };

    private static double? Number(JsonObject o, string member, string what) => o[member] switch
    {
        null => null,
        // Read from the JSON text: a value built in code may hold an int, which GetValue<double> refuses.
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
        _ => throw NgsiLdException.BadData($"'{member}' of '{what}' must be a number."),
    };

    private static List<string> Strings(JsonObject o, string member, int max) => o[member] switch
    {
        null => [],
        JsonArray a when a.Count <= max && a.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length is > 0 and <= 100)
            => [.. a.Select(n => n!.GetValue<string>().Trim()).Distinct(StringComparer.Ordinal)],
        _ => throw NgsiLdException.BadData($"'{member}' must be an array of at most {max} short strings."),
    };
}
