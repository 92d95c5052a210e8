using System.Text.Json.Nodes;
using Stadtkern.Catalog.Harvesting;
using Stadtkern.Host.OpenData;

namespace Stadtkern.Host.Api;

/// <summary>Organisations (the datasets' publishers) and groups (the EU data themes) of the CKAN API.</summary>
internal static partial class CkanEndpoints
{
    /// <summary>One organisation or group with its datasets.</summary>
    private sealed record Grouping(string Name, string Key, DateTimeOffset Created, IReadOnlyList<PublishedDataset> Datasets)
    {
        public JsonObject Json(bool organization) => organization
            ? CkanPackages.Organization(Key, Created, Datasets.Count)
            : CkanPackages.Group(Key, Datasets.Count);
    }

    private static async Task<List<Grouping>> GroupingsAsync(CkanRequest request, bool organizations)
    {
        var datasets = await request.DatasetsAsync();
        if (organizations)
        {
            return [.. datasets.GroupBy(d => CkanVocabulary.OrganizationName(d.Definition.Metadata.Publisher.Name), StringComparer.Ordinal)
                .Select(g => new Grouping(g.Key, g.First().Definition.Metadata.Publisher.Name, g.Min(d => d.Record.CreatedAt), [.. g]))];
        }
        // Every EU data theme is a group, also while no dataset has it yet.
        return [.. CkanVocabulary.ThemeTitles.Keys.Order(StringComparer.Ordinal).Select(theme => new Grouping(CkanVocabulary.GroupName(theme), theme,
            default, [.. datasets.Where(d => d.Definition.Metadata.Themes.Contains(theme))]))];
    }

    private static async Task<JsonNode?> GroupList(CkanRequest request, bool organizations)
    {
        var groupings = await GroupingsAsync(request, organizations);
        var sort = request.Text("sort") ?? "name asc";
        var parts = sort.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var descending = parts.Length > 1 && parts[1] == "desc";
        Func<Grouping, IComparable> by = parts[0] switch
        {
            "name" => g => g.Name,
            "title" or "display_name" => g => (string)g.Json(organizations)["title"]!,
            "package_count" => g => g.Datasets.Count,
            _ => throw CkanError.Validation("sort", $"Cannot sort by '{parts[0]}' (name, title or package_count)"),
        };
        var ordered = descending ? groupings.OrderByDescending(by) : groupings.OrderBy(by);
        var page = request.Page(ordered.ThenBy(g => g.Name, StringComparer.Ordinal));
        return request.Bool("all_fields")
            ? new JsonArray([.. page.Select(g => (JsonNode)g.Json(organizations))])
            : new JsonArray([.. page.Select(g => (JsonNode)g.Name)]);
    }

    private static async Task<JsonNode?> GroupShow(CkanRequest request, bool organizations)
    {
        var id = request.Required("id");
        var grouping = (await GroupingsAsync(request, organizations)).FirstOrDefault(g => g.Name == id)
            ?? throw CkanError.NotFound(organizations ? "Organization not found" : "Group not found");
        var json = grouping.Json(organizations);
        if (request.Bool("include_datasets"))
        {
            var packages = new CkanPackages(request.BaseUrl);
            json["packages"] = new JsonArray([.. grouping.Datasets.Take(1000).Select(d => (JsonNode)packages.Package(d))]);
        }
        return json;
    }
}
