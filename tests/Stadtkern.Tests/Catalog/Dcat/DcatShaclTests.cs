using Microsoft.Extensions.DependencyInjection;
using Stadtkern.Catalog.Harvesting;
using Stadtkern.Host.OpenData;
using Stadtkern.Rdf;
using Stadtkern.Tests.Catalog.Support;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Catalog.Dcat;

/// <summary>
/// Every document of the catalog, in all three syntaxes, against the official DCAT-AP.de 3.0 SHACL shapes (with the
/// vocabularies and code lists they look into): no violation. A document with a known defect has one, so the check can fail.
/// </summary>
public sealed class DcatShaclTests(OpenCatalogFixture fixture) : IClassFixture<OpenCatalogFixture>, IDisposable
{
    private readonly TempDirectory _files = new("dcat");

    public void Dispose() => _files.Dispose();

    private async Task<string> SaveAsync(string path, string name)
    {
        var reply = (await fixture.Client.GetAsync(path)).ShouldHaveStatus(200);
        var file = Path.Combine(_files.Path, name);
        await File.WriteAllTextAsync(file, reply.Body);
        return file;
    }

    [SkippableFact]
    public async Task Every_catalog_page_and_dataset_document_in_every_syntax_has_no_violation()
    {
        var files = new List<string>();
        foreach (var extension in new[] { "ttl", "rdf", "jsonld" })
        {
            files.Add(await SaveAsync($"catalog.{extension}?page=1", $"catalog-1.{extension}"));
            files.Add(await SaveAsync($"catalog.{extension}?page=2", $"catalog-2.{extension}"));
            foreach (var id in fixture.Published) files.Add(await SaveAsync($"dataset/{id}.{extension}", $"{id}.{extension}"));
        }

        var outcomes = await ShaclValidator.ValidateAsync([.. files]);

        Assert.Equal(files.Count, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Triples > 20, $"{o.File} has only {o.Triples} triples"));
        Assert.All(outcomes, o => Assert.True(o.Violations == 0, o.Describe()));
    }

    [SkippableFact]
    public async Task The_three_syntaxes_of_a_document_carry_the_same_triples()
    {
        var files = new List<string>();
        foreach (var extension in new[] { "ttl", "rdf", "jsonld" }) files.Add(await SaveAsync($"dataset/{fixture.Air}.{extension}", $"air.{extension}"));

        var graphs = await ShaclValidator.ParseAsync([.. files]);

        Assert.Contains(graphs[0], t => t.Contains("Luft \\\"Mitte\\\" <Nord> & Süd\\\\West", StringComparison.Ordinal));
        Assert.Contains(graphs[0], t => t.Contains("zweite Zeile\\tmit Tab – und 🌳", StringComparison.Ordinal));
        Assert.Equal(graphs[0], graphs[1]);
        Assert.Equal(graphs[0], graphs[2]);
    }

    [SkippableFact]
    public async Task A_dataset_without_its_publisher_or_a_distribution_without_its_access_url_is_a_violation()
    {
        var dataset = await fixture.Broker.Services.GetRequiredService<PublishedCatalog>().FindAsync(fixture.Parking, CancellationToken.None);
        var options = fixture.Broker.Services.GetRequiredService<StadtkernOptions>();
        var dcat = new DcatCatalog(options, fixture.Broker.Address.ToString().TrimEnd('/'));

        var withoutPublisher = dcat.DatasetDocument(dataset!);
        Assert.True(withoutPublisher.Remove(withoutPublisher.Triples.Single(t => t.Subject == dcat.DatasetIri(fixture.Parking) && t.Predicate.Value == DcatTerms.Dct + "publisher")));
        var withoutAccess = dcat.DatasetDocument(dataset!);
        Assert.True(withoutAccess.Remove(withoutAccess.Triples.First(t => t.Predicate.Value == DcatTerms.Dcat + "accessURL")));
        var intact = Path.Combine(_files.Path, "intact.ttl");
        var noPublisher = Path.Combine(_files.Path, "no-publisher.ttl");
        var noAccess = Path.Combine(_files.Path, "no-access.ttl");
        await File.WriteAllTextAsync(intact, TurtleWriter.Write(dcat.DatasetDocument(dataset!)));
        await File.WriteAllTextAsync(noPublisher, TurtleWriter.Write(withoutPublisher));
        await File.WriteAllTextAsync(noAccess, TurtleWriter.Write(withoutAccess));

        var outcomes = await ShaclValidator.ValidateAsync(intact, noPublisher, noAccess);

        Assert.Equal(0, outcomes[0].Violations);
        Assert.Contains(outcomes[1].Results, r => (string?)r["severity"] == "Violation" && (string?)r["path"] == DcatTerms.Dct + "publisher");
        Assert.Contains(outcomes[2].Results, r => (string?)r["severity"] == "Violation" && (string?)r["path"] == DcatTerms.Dcat + "accessURL");
    }
}
