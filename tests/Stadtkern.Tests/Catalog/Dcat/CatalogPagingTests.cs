using System.Text.Json.Nodes;
using Stadtkern.Tests.Catalog.Support;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Catalog.Dcat;

/// <summary>
/// The catalog as a harvester walks it: pages of two datasets linked by a Hydra PartialCollectionView (first, next,
/// previous, last, totalItems), <c>modified_since</c> for incremental runs, and only public, published, current datasets.
/// </summary>
public sealed class CatalogPagingTests(OpenCatalogFixture fixture) : IClassFixture<OpenCatalogFixture>
{
    private const string Hydra = "hydra:";

    /// <summary>A page in JSON-LD: the Hydra view node and the ids of the datasets the catalog lists.</summary>
    private sealed record Page(JsonObject View, IReadOnlyList<string> Datasets)
    {
        public string? Link(string name) => View[Hydra + name]?["@id"]?.GetValue<string>();

        public int Total => int.Parse(View[Hydra + "totalItems"]!["@value"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<Page> PageAsync(string path)
    {
        var reply = (await fixture.Client.GetAsync(path)).ShouldHaveStatus(200);
        Assert.Equal("application/ld+json", reply.MediaType);
        var graph = reply.Object["@graph"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var view = graph.Single(n => n["@type"]?.GetValue<string>() == Hydra + "PartialCollectionView");
        var catalog = graph.Single(n => n["@type"]?.GetValue<string>() == "dcat:Catalog");
        var datasets = catalog["dcat:dataset"] switch
        {
            JsonArray many => many.Select(d => d!["@id"]!.GetValue<string>()).ToList(),
            JsonObject one => [one["@id"]!.GetValue<string>()],
            _ => [],
        };
        return new Page(view, [.. datasets.Select(iri => iri[(iri.LastIndexOf('/') + 1)..])]);
    }

    private string Relative(string url) => new Uri(url).PathAndQuery.TrimStart('/');

    [Fact]
    public async Task Following_next_from_the_first_page_reaches_every_published_dataset_once_and_the_last_page_has_no_next()
    {
        var first = await PageAsync("catalog.jsonld");
        Assert.Equal(3, first.Total);
        Assert.Equal(2, first.Datasets.Count);
        Assert.Null(first.Link("previous"));
        Assert.EndsWith("catalog.jsonld?page=1", first.Link("first"));
        Assert.EndsWith("catalog.jsonld?page=2", first.Link("last"));
        Assert.EndsWith("catalog.jsonld?page=2", first.Link("next"));

        var last = await PageAsync(Relative(first.Link("next")!));
        Assert.Null(last.Link("next"));
        Assert.EndsWith("catalog.jsonld?page=1", last.Link("previous"));
        Assert.Equal(3, last.Total);
        Assert.Equal(fixture.Published, [.. first.Datasets.Concat(last.Datasets)]);
    }

    [Fact]
    public async Task The_turtle_and_rdf_xml_pages_carry_the_same_view()
    {
        var turtle = (await fixture.Client.GetAsync("catalog.ttl")).ShouldHaveStatus(200);
        Assert.Equal("text/turtle", turtle.MediaType);
        Assert.Contains("a hydra:PartialCollectionView", turtle.Body);
        Assert.Matches(@"hydra:next <http://[^>]+/catalog\.ttl\?page=2>", turtle.Body);
        Assert.Contains("hydra:totalItems \"3\"^^xsd:integer", turtle.Body);
        var last = (await fixture.Client.GetAsync("catalog.ttl?page=2")).ShouldHaveStatus(200);
        Assert.DoesNotContain("hydra:next", last.Body);

        var xml = (await fixture.Client.GetAsync("catalog.rdf")).ShouldHaveStatus(200);
        Assert.Equal("application/rdf+xml", xml.MediaType);
        Assert.Matches(@"<hydra:next rdf:resource=""http://[^""]+/catalog\.rdf\?page=2"" />", xml.Body);
    }

    [Fact]
    public async Task Modified_since_keeps_only_the_datasets_changed_at_or_after_it_and_keeps_the_filter_in_the_links()
    {
        var newest = (await fixture.Client.GetAsync($"api/3/action/package_show?id={fixture.Trees}")).ShouldHaveStatus(200)
            .Object["result"]!["metadata_modified"]!.GetValue<string>() + "Z";

        var page = await PageAsync($"catalog.jsonld?modified_since={Uri.EscapeDataString(newest)}");
        Assert.Equal(1, page.Total);
        Assert.Equal([fixture.Trees], page.Datasets);
        Assert.Contains("modified_since=", page.Link("first"));

        var everything = await PageAsync("catalog.jsonld?modified_since=2000-01-01T00:00:00Z");
        Assert.Equal(3, everything.Total);
        var nothing = await PageAsync("catalog.jsonld?modified_since=2999-01-01T00:00:00Z");
        Assert.Equal((0, 0), (nothing.Total, nothing.Datasets.Count));
    }

    [Fact]
    public async Task Internal_withdrawn_and_held_datasets_appear_nowhere()
    {
        foreach (var extension in new[] { "ttl", "rdf", "jsonld" })
        {
            foreach (var page in new[] { 1, 2 })
            {
                var body = (await fixture.Client.GetAsync($"catalog.{extension}?page={page}")).ShouldHaveStatus(200).Body;
                foreach (var hidden in fixture.Hidden) Assert.DoesNotContain(hidden, body);
            }
            foreach (var hidden in fixture.Hidden) (await fixture.Client.GetAsync($"dataset/{hidden}.{extension}")).ShouldHaveStatus(404);
        }
    }

    [Fact]
    public async Task A_dataset_iri_redirects_to_the_syntax_the_client_accepts()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Broker.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"dataset/{fixture.Air}");
        request.Headers.Accept.ParseAdd("application/rdf+xml;q=0.9, application/ld+json");
        using var response = await http.SendAsync(request);
        Assert.Equal(303, (int)response.StatusCode);
        Assert.EndsWith($"/dataset/{fixture.Air}.jsonld", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("catalog.ttl?page=0", 400)]
    [InlineData("catalog.ttl?page=x", 400)]
    [InlineData("catalog.ttl?page=3", 404)]
    [InlineData("catalog.ttl?rows=10", 400)]
    [InlineData("catalog.ttl?modified_since=yesterday", 400)]
    [InlineData("catalog.csv", 404)]
    [InlineData("dataset/unknown.ttl", 404)]
    public async Task Bad_parameters_get_a_problem_document(string path, int status)
    {
        var reply = (await fixture.Client.GetAsync(path)).ShouldHaveStatus(status);
        Assert.StartsWith("https://uri.etsi.org/ngsi-ld/errors/", reply.Object["type"]!.GetValue<string>());
    }
}
