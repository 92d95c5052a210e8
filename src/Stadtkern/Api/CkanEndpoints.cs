using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Catalog.Harvesting;
using Stadtkern.Host.OpenData;

namespace Stadtkern.Host.Api;

/// <summary>
/// The CKAN Action API subset that harvesters use (ckanext-harvest, piveau, GovData), at /api/3/action/{action} by GET
/// or POST, answered in CKAN's envelope <c>{"help", "success", "result"}</c> and with CKAN's error form and statuses
/// (docs/catalog-harvesting.md). It shows the same datasets as the DCAT-AP.de catalog.
/// </summary>
internal static partial class CkanEndpoints
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const int MaxRows = 1000;

    private delegate Task<JsonNode?> Action(CkanRequest request);

    /// <summary>What each action does: the <c>help</c> of its answers and of help_show.</summary>
    private static readonly FrozenDictionary<string, (string Help, Action Run)> Actions = new Dictionary<string, (string, Action)>
    {
        ["package_search"] = ("Searches the published datasets: q (free text), fq (field:value clauses, metadata_modified:[T TO *]), rows (at most 1000), start, sort.", PackageSearch),
        ["package_show"] = ("Returns one published dataset by id or name.", PackageShow),
        ["package_list"] = ("Returns the names of the published datasets (limit, offset).", PackageList),
        ["resource_show"] = ("Returns one file of a published release by its id (its file name).", ResourceShow),
        ["organization_list"] = ("Returns the publishers' organisations (all_fields for their details, sort, limit, offset).", r => GroupList(r, organizations: true)),
        ["organization_show"] = ("Returns one organisation (include_datasets for its datasets).", r => GroupShow(r, organizations: true)),
        ["group_list"] = ("Returns the groups: the EU data themes (all_fields, sort, limit, offset).", r => GroupList(r, organizations: false)),
        ["group_show"] = ("Returns one group, an EU data theme (include_datasets for its datasets).", r => GroupShow(r, organizations: false)),
        ["status_show"] = ("Returns the site's title, address and the CKAN API version it answers like.", StatusShow),
        ["help_show"] = ("Returns the help text of an action (name).", HelpShow),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void MapCkanApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("CKAN API for harvesters");
        group.MapMethods("/3/action/{action}", ["GET", "POST"], Handle).WithSummary("A CKAN action: package_search, package_show, package_list, resource_show, organization_*, group_*, status_show");
        group.MapMethods("/action/{action}", ["GET", "POST"], Handle).WithSummary("The same CKAN actions without the API version in the path");
    }

    private static async Task<IResult> Handle(HttpContext http, string action, PublishedCatalog published, StadtkernOptions options, TimeProvider time)
    {
        var baseUrl = ReleaseDocuments.BaseUrl(http.Request);
        var help = $"{baseUrl}/api/3/action/help_show?name={Uri.EscapeDataString(action)}";
        try
        {
            if (!Actions.TryGetValue(action, out var known)) throw CkanError.UnknownAction(action);
            var request = new CkanRequest(await CkanRequest.ParametersAsync(http), published, options, baseUrl, time.GetUtcNow(), http.RequestAborted);
            var result = await known.Run(request);
            return Answer(200, new JsonObject { ["help"] = help, ["success"] = true, ["result"] = result });
        }
        catch (CkanError e)
        {
            return Answer(e.Status, new JsonObject { ["help"] = help, ["success"] = false, ["error"] = e.Body() });
        }
    }

    private static IResult Answer(int status, JsonObject body) =>
        Results.Text(body.ToJsonString(Json), "application/json; charset=utf-8", statusCode: status);

    private static async Task<JsonNode?> PackageSearch(CkanRequest request)
    {
        var rows = Math.Min(request.Natural("rows") ?? 10, MaxRows);
        var start = request.Natural("start") ?? 0;
        var sort = request.Text("sort");
        var query = CkanSearch.Query(request.Text("q"));
        var filter = CkanSearch.Filter(request.Text("fq"), request.Now);
        var found = CkanSearch.Sort((await request.DatasetsAsync()).Where(d => query(d) && filter(d)), sort).ToList();
        var packages = new CkanPackages(request.BaseUrl);
        return new JsonObject
        {
            ["count"] = found.Count,
            ["sort"] = sort ?? "metadata_modified desc",
            ["facets"] = new JsonObject(),
            ["search_facets"] = new JsonObject(),
            ["results"] = new JsonArray([.. found.Skip(start).Take(rows).Select(d => (JsonNode)packages.Package(d))]),
        };
    }

    private static async Task<JsonNode?> PackageShow(CkanRequest request)
    {
        var id = request.Required("id");
        var dataset = await request.Published.FindAsync(id, request.Cancellation) ?? throw CkanError.NotFound("Not found");
        return new CkanPackages(request.BaseUrl).Package(dataset);
    }

    private static async Task<JsonNode?> PackageList(CkanRequest request)
    {
        var names = (await request.DatasetsAsync()).Select(d => d.Id);
        return new JsonArray([.. request.Page(names).Select(n => (JsonNode)n)]);
    }

    private static async Task<JsonNode?> ResourceShow(CkanRequest request)
    {
        var id = request.Required("id");
        foreach (var dataset in await request.DatasetsAsync())
            foreach (var release in dataset.Releases)
                for (var i = 0; i < release.Distributions.Count; i++)
                    if (release.Distributions[i].FileName == id) return new CkanPackages(request.BaseUrl).Resource(dataset, release, release.Distributions[i], i);
        throw CkanError.NotFound("Resource was not found.");
    }

    private static Task<JsonNode?> StatusShow(CkanRequest request) => Task.FromResult<JsonNode?>(new JsonObject
    {
        ["site_title"] = request.Options.CatalogTitle,
        ["site_description"] = request.Options.CatalogDescription,
        ["site_url"] = request.BaseUrl,
        ["ckan_version"] = "2.10.0",
        ["stadtkern_version"] = typeof(CkanEndpoints).Assembly.GetName().Version?.ToString(3),
        ["error_emails_to"] = null,
        ["locale_default"] = "de",
        ["extensions"] = new JsonArray("dcat", "stadtkern"),
    });

    private static Task<JsonNode?> HelpShow(CkanRequest request)
    {
        var name = request.Required("name");
        return Actions.TryGetValue(name, out var action)
            ? Task.FromResult<JsonNode?>(JsonValue.Create(action.Help))
            : throw CkanError.NotFound($"Action function not found: {name}");
    }
}
