using System.Text.Json.Nodes;
using Stadtkern.Conformance;
using Stadtkern.Conformance.Reporting;
using Stadtkern.Host.Tools.Check;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Check;

/// <summary><c>stadtkern check URL</c> against a real broker: the selected cases of the shared case tables, counted per clause group, failures with their difference.</summary>
public sealed class CheckCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string Creates = "CreateEntity/001_01";

    /// <summary>A case Stadtkern is known to fail (the first core provision case of known-failures.txt), so that the report has a failure to show.</summary>
    private static string KnownFailure()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stadtkern.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var list = KnownFailures.Load(Path.Combine(dir.FullName, "tests", "Stadtkern.Conformance.Tests", "known-failures.txt"));
        return list.Entries.Keys.First(k => k.StartsWith("ContextInformation/Provision/", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Json_report_counts_every_selected_case_and_shows_the_difference_of_a_known_failure()
    {
        var suite = ExternalServices.EtsiSuite();
        var failing = KnownFailure();
        var selected = CaseSelection.Select(CaseCatalog.All, [Creates, failing]);

        var (exitCode, output, error) = await ToolRun.InvokeAsync("check", fixture.Broker.Address.ToString(), "--suite", suite, "--filter", Creates, "--filter", failing, "--format", "json");

        Assert.Equal(1, exitCode);
        var report = JsonNode.Parse(output)!.AsObject();
        var results = report["results"]!.AsArray();
        Assert.Equal(selected.Count, report["passed"]!.GetValue<int>() + report["failed"]!.GetValue<int>());
        Assert.Equal(selected.Select(c => c.Key).Order(StringComparer.Ordinal), results.Select(r => r!["key"]!.GetValue<string>()));
        var known = results.Single(r => r!["key"]!.GetValue<string>() == failing)!;
        Assert.False(known["passed"]!.GetValue<bool>());
        Assert.Contains("Expected:", known["difference"]!.GetValue<string>());
        Assert.Contains("Got:", known["difference"]!.GetValue<string>());
        Assert.True(report["passed"]!.GetValue<int>() >= 1, error);
        var groups = report["groups"]!.AsArray();
        Assert.Equal(selected.Count, groups.Sum(g => g!["passed"]!.GetValue<int>() + g!["failed"]!.GetValue<int>()));
    }

    [SkippableFact]
    public async Task Passing_cases_exit_0_and_write_markdown_and_a_self_contained_html_page()
    {
        var suite = ExternalServices.EtsiSuite();
        using var folder = new TempDirectory("check");
        var html = Path.Combine(folder.Path, "report.html");

        var (markdownExit, markdown, _) = await ToolRun.InvokeAsync("check", fixture.Broker.Address.ToString(), "--suite", suite, "--filter", Creates + "_01");
        var (htmlExit, _, _) = await ToolRun.InvokeAsync("check", fixture.Broker.Address.ToString(), "--suite", suite, "--filter", Creates + "_01", "--output", html);

        Assert.Equal(0, markdownExit);
        Assert.Contains("| **total** | 1 | 1 | 0 |", markdown);
        Assert.Equal(0, htmlExit);
        var page = await ToolRun.ReadSelfContainedPageAsync(html);
        Assert.Contains("CreateEntity/001_01_01", page);
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_is_refused()
    {
        var (exitCode, _, error) = await ToolRun.InvokeAsync("check", "http://127.0.0.1:1", "--filter", "no-such-case-anywhere");

        Assert.Equal(2, exitCode);
        Assert.Contains("No case matches", error);
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_is_reported_as_such()
    {
        var suite = ExternalServices.EtsiSuite();
        var port = FreePort.Next();

        var (exitCode, _, error) = await ToolRun.InvokeAsync("check", $"http://127.0.0.1:{port}", "--suite", suite, "--filter", Creates);

        Assert.Equal(2, exitCode);
        Assert.Contains("does not answer", error);
    }

    [Theory]
    [InlineData("http://example.org:1026", "http://example.org:1026/ngsi-ld/v1/")]
    [InlineData("http://example.org:1026/ngsi-ld/v1", "http://example.org:1026/ngsi-ld/v1/")]
    [InlineData("https://broker.example.org/city/ngsi-ld/v1/", "https://broker.example.org/city/ngsi-ld/v1/")]
    [InlineData("http://example.org/orion", "http://example.org/orion/ngsi-ld/v1/")]
    public void A_broker_address_becomes_its_ngsi_ld_root(string address, string root) =>
        Assert.Equal(root, CheckCommand.BrokerRoot(address).ToString());

    [Theory]
    [InlineData("ftp://example.org")]
    [InlineData("not a url")]
    public void An_address_that_is_not_http_is_refused(string address) =>
        Assert.Throws<ArgumentException>(() => CheckCommand.BrokerRoot(address));
}
