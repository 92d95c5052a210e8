using System.Globalization;
using System.Text.Json.Nodes;
using Stadtkern.Catalog;
using Stadtkern.Catalog.Harvesting;
using Stadtkern.Host.Api;

namespace Stadtkern.Host.OpenData;

/// <summary>
/// Published datasets as CKAN (≥ 2.9) package dictionaries: the core fields, the publisher as organisation, EU data
/// themes as groups, the latest release's files as resources (with their SHA-256 as hash), and the DCAT-AP.de items
/// German harvesters read as extras (the keys ckanext-dcat and ckanext-dcatde use). A dataset's name is its id.
/// </summary>
internal sealed class CkanPackages(string baseUrl)
{
    public JsonObject Package(PublishedDataset dataset)
    {
        var metadata = dataset.Definition.Metadata;
        var licence = dataset.Definition.Licence;
        var organization = Organization(metadata.Publisher.Name, dataset.Record.CreatedAt, null);
        var resources = dataset.Latest.Distributions.Select((file, i) => (JsonNode)Resource(dataset, dataset.Latest, file, i)).ToArray();
        return new JsonObject
        {
            ["id"] = dataset.Id,
            ["name"] = dataset.Id,
            ["title"] = metadata.Title.De,
            ["notes"] = metadata.Description.De,
            ["type"] = "dataset",
            ["state"] = "active",
            ["private"] = false,
            ["url"] = $"{baseUrl}/dataset/{dataset.Id}",
            ["version"] = dataset.Latest.Number.ToString(CultureInfo.InvariantCulture),
            ["author"] = null,
            ["author_email"] = null,
            ["maintainer"] = metadata.ContactPoint is { } c ? c.Name ?? metadata.Publisher.Name : null,
            ["maintainer_email"] = metadata.ContactPoint?.Email,
            ["license_id"] = DcatTerms.Licences + licence,
            ["license_title"] = CkanVocabulary.LicenceTitle(licence),
            ["license_url"] = DcatTerms.Licences + licence,
            ["isopen"] = CkanVocabulary.IsOpen(licence),
            ["metadata_created"] = Time(dataset.Record.CreatedAt),
            ["metadata_modified"] = Time(dataset.Modified),
            ["owner_org"] = organization["id"]!.GetValue<string>(),
            ["organization"] = organization,
            ["num_tags"] = metadata.Keywords.Count,
            ["tags"] = new JsonArray([.. metadata.Keywords.Select(k => (JsonNode)new JsonObject
            {
                ["name"] = k,
                ["display_name"] = k,
                ["state"] = "active",
                ["vocabulary_id"] = null,
            })]),
            ["groups"] = new JsonArray([.. metadata.Themes.Select(t => (JsonNode)Group(t, null))]),
            ["num_resources"] = resources.Length,
            ["resources"] = new JsonArray(resources),
            ["extras"] = Extras(dataset),
            ["relationships_as_object"] = new JsonArray(),
            ["relationships_as_subject"] = new JsonArray(),
        };
    }

    public JsonObject Resource(PublishedDataset dataset, Release release, DistributionInfo file, int position) => new()
    {
        ["id"] = file.FileName,
        ["package_id"] = dataset.Id,
        ["name"] = $"{dataset.Definition.Metadata.Title.De} ({Format(file.Format)}, Release {release.Number})",
        ["description"] = $"Release {release.Number}, {release.Rows} rows",
        ["url"] = ReleaseDocuments.FileUrl(baseUrl, release, file),
        ["format"] = Format(file.Format),
        ["mimetype"] = file.MediaType,
        ["size"] = file.Bytes,
        ["hash"] = file.Sha256,
        ["hash_algorithm"] = DcatTerms.Sha256.Value,
        ["license"] = DcatTerms.Licences + dataset.Definition.Licence,
        ["created"] = Time(release.PublishedAt ?? release.CreatedAt),
        ["last_modified"] = Time(release.PublishedAt ?? release.CreatedAt),
        ["metadata_modified"] = Time(release.PublishedAt ?? release.CreatedAt),
        ["position"] = position,
        ["state"] = "active",
        ["url_type"] = null,
        ["datastore_active"] = false,
    };

    /// <summary>An organisation (a publisher); <paramref name="packageCount"/> when the caller counted its datasets.</summary>
    public static JsonObject Organization(string publisher, DateTimeOffset created, int? packageCount)
    {
        var name = CkanVocabulary.OrganizationName(publisher);
        var json = new JsonObject
        {
            ["id"] = name,
            ["name"] = name,
            ["title"] = publisher,
            ["display_name"] = publisher,
            ["type"] = "organization",
            ["description"] = "",
            ["image_url"] = "",
            ["created"] = Time(created),
            ["is_organization"] = true,
            ["approval_status"] = "approved",
            ["state"] = "active",
        };
        if (packageCount is { } count) json["package_count"] = count;
        return json;
    }

    /// <summary>A group: one EU data theme.</summary>
    public static JsonObject Group(string theme, int? packageCount)
    {
        var name = CkanVocabulary.GroupName(theme);
        var title = CkanVocabulary.ThemeTitles.GetValueOrDefault(theme, theme);
        var json = new JsonObject
        {
            ["id"] = name,
            ["name"] = name,
            ["title"] = title,
            ["display_name"] = title,
            ["type"] = "group",
            ["description"] = "",
            ["image_display_url"] = "",
            ["uri"] = DcatTerms.DataThemes + theme,
            ["is_organization"] = false,
            ["state"] = "active",
        };
        if (packageCount is { } count) json["package_count"] = count;
        return json;
    }

    private JsonArray Extras(PublishedDataset dataset)
    {
        var metadata = dataset.Definition.Metadata;
        var extras = new List<(string Key, string? Value)>
        {
            ("uri", $"{baseUrl}/dataset/{dataset.Id}"),
            ("identifier", $"{baseUrl}/dataset/{dataset.Id}"),
            ("issued", Time(dataset.Issued)),
            ("modified", Time(dataset.Modified)),
            ("publisher_name", metadata.Publisher.Name),
            ("publisher_uri", metadata.Publisher.Uri),
            ("contact_name", metadata.ContactPoint is { } c ? c.Name ?? metadata.Publisher.Name : null),
            ("contact_email", metadata.ContactPoint?.Email),
            ("contributorID", metadata.ContributorId is { } id ? new JsonArray(id).ToJsonString() : null),
            ("politicalGeocodingURI", metadata.RegionalKey is { } key ? new JsonArray(DcatTerms.RegionalKeys + key).ToJsonString() : null),
            ("politicalGeocodingLevelURI", metadata.RegionalKey is not null ? DcatTerms.GeocodingLevels + "municipality" : null),
            ("spatial_uri", metadata.RegionalKey is { } k ? DcatTerms.RegionalKeys + k : null),
            ("temporal_start", metadata.TemporalStart is { } start ? Time(start) : null),
            ("temporal_end", metadata.TemporalEnd is { } end ? Time(end) : null),
            ("frequency", metadata.AccrualPeriodicity is { } f ? DcatTerms.Frequencies + f : null),
            ("theme", metadata.Themes.Count > 0 ? new JsonArray([.. metadata.Themes.Select(t => (JsonNode)(DcatTerms.DataThemes + t))]).ToJsonString() : null),
            ("title_en", metadata.Title.En),
            ("notes_en", metadata.Description.En),
        };
        return new JsonArray([.. extras.Where(e => e.Value is not null).Select(e => (JsonNode)new JsonObject { ["key"] = e.Key, ["value"] = e.Value })]);
    }

    /// <summary>The format name CKAN portals use for each distribution format.</summary>
    public static string Format(string format) => format switch
    {
        "csv" => "CSV",
        "geojson" => "GeoJSON",
        "parquet" => "Parquet",
        "jsonld" => "JSON-LD",
        _ => format.ToUpperInvariant(),
    };

    /// <summary>CKAN's timestamp form: UTC without an offset, microseconds.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
