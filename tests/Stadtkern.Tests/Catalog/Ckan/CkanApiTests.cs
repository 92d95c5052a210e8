using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Tests.Catalog.Support;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Catalog.Ckan;

/// <summary>
/// The CKAN Action API as ckanext-harvest and piveau call it: the envelope, package_search with rows, start, sort and
/// fq (incremental harvesting by metadata_modified), package_show with resources whose hash is the file's SHA-256 and
/// the DCAT-AP.de extras, and CKAN's error form.
/// </summary>
public sealed class CkanApiTests(OpenCatalogFixture fixture) : IClassFixture<OpenCatalogFixture>
{
    private const string Api = "api/3/action/";

    private async Task<JsonNode> ResultAsync(string call)
    {
        var answer = (await fixture.Client.GetAsync(Api + call)).ShouldHaveStatus(200).Object;
        Assert.True(answer["success"]!.GetValue<bool>());
        Assert.EndsWith("help_show?name=" + call.Split('?')[0], answer["help"]!.GetValue<string>());
        return answer["result"]!;
    }

    private async Task<JsonObject> ErrorAsync(string call, int status)
    {
        var answer = (await fixture.Client.GetAsync(Api + call)).ShouldHaveStatus(status).Object;
        Assert.False(answer["success"]!.GetValue<bool>());
        Assert.Null(answer["result"]);
        return answer["error"]!.AsObject();
    }

    private static List<string> Names(JsonNode result) => [.. result["results"]!.AsArray().Select(p => p!["name"]!.GetValue<string>())];

    [Fact]
    public async Task Paging_with_rows_start_and_sort_by_id_returns_every_published_dataset_once()
    {
        var seen = new List<string>();
        for (var start = 0; ; start += 2)
        {
            var result = await ResultAsync($"package_search?rows=2&start={start}&sort=id%20asc");
            Assert.Equal(3, result["count"]!.GetValue<int>());
            var names = Names(result);
            if (names.Count == 0) break;
            seen.AddRange(names);
        }
        Assert.Equal(fixture.Published, seen);
        Assert.Equal(fixture.Published, (await ResultAsync("package_list")).AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(fixture.Published.Reverse(), Names(await ResultAsync("package_search?sort=name%20desc")));
    }

    [Fact]
    public async Task The_default_order_is_newest_first_and_metadata_modified_ranges_select_incrementally()
    {
        var all = await ResultAsync("package_search?rows=1000");
        var modified = all["results"]!.AsArray().Select(p => p!["metadata_modified"]!.GetValue<string>()).ToList();
        Assert.Equal(modified.OrderDescending(StringComparer.Ordinal), modified);

        var since = Uri.EscapeDataString($"metadata_modified:[{modified[1]}Z TO *]");
        var newer = await ResultAsync($"package_search?fq={since}");
        Assert.Equal(2, newer["count"]!.GetValue<int>());
        var none = await ResultAsync($"package_search?fq={Uri.EscapeDataString("metadata_modified:[2999-01-01T00:00:00Z TO *]")}");
        Assert.Equal(0, none["count"]!.GetValue<int>());
        var before = await ResultAsync($"package_search?fq={Uri.EscapeDataString($"metadata_modified:[* TO {modified[1]}Z}}")}");
        Assert.Equal(1, before["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("fq=organization:amt-fuer-mobilitaet", 1)]
    [InlineData("fq=-organization:amt-fuer-mobilitaet", 2)]
    [InlineData("fq=organization:(stadt-musterstadt%20OR%20amt-fuer-mobilitaet)", 3)]
    [InlineData("fq=tags:NO2", 1)]
    [InlineData("fq=groups:envi%20res_format:CSV", 1)]
    [InlineData("fq=res_format:csv%20%2Bdataset_type:dataset", 3)]
    [InlineData("fq=license_id:cc-by/4.0", 1)]
    [InlineData("q=Stündliche", 1)]
    [InlineData("q=Parkplätze%20Belegung", 1)]
    [InlineData("q=*:*", 3)]
    [InlineData("q=Zurückgezogen", 0)]
    [InlineData("rows=5000", 3)]
    public async Task Searches_count_what_they_select(string query, int count) =>
        Assert.Equal(count, (await ResultAsync($"package_search?{query}"))["count"]!.GetValue<int>());

    [Fact]
    public async Task A_package_has_ckan_fields_its_resources_carry_the_files_sha256_and_extras_the_dcat_ap_de_items()
    {
        var package = (await ResultAsync($"package_show?id={fixture.Air}")).AsObject();
        Assert.Equal((fixture.Air, "dataset", "active", "2"), (package["name"]!.GetValue<string>(), package["type"]!.GetValue<string>(),
            package["state"]!.GetValue<string>(), package["version"]!.GetValue<string>()));
        Assert.Equal("http://dcat-ap.de/def/licenses/dl-by-de/2.0", package["license_id"]!.GetValue<string>());
        Assert.Equal("stadt-musterstadt", package["organization"]!["name"]!.GetValue<string>());
        Assert.Equal(["Luft", "NO2"], package["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(["envi", "heal"], package["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()));
        var extras = package["extras"]!.AsArray().ToDictionary(e => e!["key"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        Assert.Equal($"[\"{OpenCatalogFixture.ContributorId}\"]", extras["contributorID"]);
        Assert.Equal("http://dcat-ap.de/def/politicalGeocoding/Level/municipality", extras["politicalGeocodingLevelURI"]);
        Assert.Equal("http://publications.europa.eu/resource/authority/frequency/DAILY", extras["frequency"]);
        Assert.Equal(("2025-01-01T00:00:00.000000", "opendata@musterstadt.de"), (extras["temporal_start"], extras["contact_email"]));

        var resources = package["resources"]!.AsArray();
        Assert.Equal(4, package["num_resources"]!.GetValue<int>());
        Assert.Equal(["CSV", "GeoJSON", "Parquet", "JSON-LD"], resources.Select(r => r!["format"]!.GetValue<string>()));
        var csv = resources[0]!.AsObject();
        using var download = await fixture.Client.Http.GetAsync(new Uri(csv["url"]!.GetValue<string>()));
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), csv["hash"]!.GetValue<string>());
        Assert.Equal(bytes.Length, csv["size"]!.GetValue<long>());
        Assert.StartsWith("station,no2,time", Encoding.UTF8.GetString(bytes));

        var shown = (await ResultAsync($"resource_show?id={csv["id"]!.GetValue<string>()}")).AsObject();
        Assert.Equal((fixture.Air, csv["hash"]!.GetValue<string>()), (shown["package_id"]!.GetValue<string>(), shown["hash"]!.GetValue<string>()));
        Assert.Equal(fixture.Air, (await ResultAsync($"resource_show?id={fixture.Air}-1.csv"))["package_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Organizations_are_the_publishers_and_groups_the_eu_data_themes()
    {
        var organizations = (await ResultAsync("organization_list?all_fields=true")).AsArray();
        Assert.Equal([("amt-fuer-mobilitaet", 1), ("stadt-musterstadt", 2)],
            organizations.Select(o => (o!["name"]!.GetValue<string>(), o["package_count"]!.GetValue<int>())));
        Assert.Equal(["amt-fuer-mobilitaet", "stadt-musterstadt"], (await ResultAsync("organization_list")).AsArray().Select(n => n!.GetValue<string>()));
        var city = (await ResultAsync("organization_show?id=stadt-musterstadt&include_datasets=true")).AsObject();
        Assert.Equal("Stadt Musterstadt", city["title"]!.GetValue<string>());
        Assert.Equal(new[] { fixture.Air, fixture.Trees }.Order(StringComparer.Ordinal), city["packages"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        Assert.Equal(13, (await ResultAsync("group_list")).AsArray().Count);
        var environment = (await ResultAsync("group_show?id=envi")).AsObject();
        Assert.Equal(("Umwelt", 1), (environment["title"]!.GetValue<string>(), environment["package_count"]!.GetValue<int>()));
        var status = (await ResultAsync("status_show")).AsObject();
        Assert.Equal("Offene Daten Musterstadt", status["site_title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_takes_the_parameters_as_a_json_object()
    {
        var reply = await fixture.Client.PostAsync(Api + "package_search", new JsonObject { ["rows"] = 1, ["start"] = 2, ["sort"] = "id asc" });
        var result = reply.ShouldHaveStatus(200).Object["result"]!;
        Assert.Equal([fixture.Published[2]], Names(result));
    }

    [Fact]
    public async Task Hidden_datasets_are_not_found_and_bad_calls_get_ckan_errors()
    {
        foreach (var hidden in fixture.Hidden)
        {
            var error = await ErrorAsync($"package_show?id={hidden}", 404);
            Assert.Equal("Not Found Error", error["__type"]!.GetValue<string>());
            Assert.Equal(0, (await ResultAsync($"package_search?fq=name:{hidden}"))["count"]!.GetValue<int>());
        }
        Assert.Equal("Not Found Error", (await ErrorAsync("package_show?id=unknown", 404))["__type"]!.GetValue<string>());
        Assert.Equal("Not Found Error", (await ErrorAsync("resource_show?id=unknown.csv", 404))["__type"]!.GetValue<string>());
        Assert.Equal("Not Found Error", (await ErrorAsync("group_show?id=xyz", 404))["__type"]!.GetValue<string>());
        Assert.Equal(["Missing value"], (await ErrorAsync("package_show", 409))["id"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("Validation Error", (await ErrorAsync("package_search?start=-1", 409))["__type"]!.GetValue<string>());
        Assert.Equal("Search Query Error", (await ErrorAsync("package_search?fq=colour:red", 409))["__type"]!.GetValue<string>());
        Assert.Equal("Search Query Error", (await ErrorAsync("package_search?sort=colour%20asc", 409))["__type"]!.GetValue<string>());
        Assert.Contains("Action name not known", (await ErrorAsync("package_delete?id=x", 400))["message"]!.GetValue<string>());
    }
}
