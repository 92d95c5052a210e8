using System.CommandLine;
using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest;

/// <summary>GET /stadtkern/v1/ingest/dead-letters and <c>stadtkern lake dead-letters</c>: refused input listed per tenant, newest first, with reason and payload.</summary>
public sealed class DeadLetterListingTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string Letters = "stadtkern/v1/ingest/dead-letters";
    private readonly NgsiClient _client = fixture.Client;

    private async Task<NgsiClient> TenantWithRefusedLinesAsync(params string[] lines)
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        (await tenant.SendAsync(HttpMethod.Post, "stadtkern/v1/ingest/ndjson", string.Join('\n', lines), "application/x-ndjson")).ShouldHaveStatus(200);
        return tenant;
    }

    [Fact]
    public async Task Refused_NDJSON_lines_are_listed_newest_first_with_reason_channel_and_payload()
    {
        var tenant = await TenantWithRefusedLinesAsync("{broken", """{"id":"urn:ngsi-ld:X:1"}""");

        var letters = (await tenant.GetAsync(Letters)).ShouldHaveStatus(200).Array.Select(l => l!.AsObject()).ToList();

        Assert.Equal(2, letters.Count);
        Assert.StartsWith("line 2:", letters[0]["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("""{"id":"urn:ngsi-ld:X:1"}""", letters[0]["payload"]!.GetValue<string>());
        Assert.EndsWith("#line 2", letters[0]["channel"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("http", letters[0]["source"]!.GetValue<string>());
        Assert.Equal(64, letters[0]["sha256"]!.GetValue<string>().Length);
        Assert.Equal("{broken", letters[1]["payload"]!.GetValue<string>());
        Assert.Empty((await _client.ForTenant(TestData.NewTenant()).GetAsync(Letters)).ShouldHaveStatus(200).Array);
    }

    [Fact]
    public async Task Limit_pages_with_a_next_link_and_source_and_since_filter()
    {
        var tenant = await TenantWithRefusedLinesAsync("[1]", "[2]", "[3]");

        var first = (await tenant.GetAsync($"{Letters}?limit=2")).ShouldHaveStatus(200);
        Assert.Equal(2, first.Array.Count);
        var next = first.Header("Link")!;
        Assert.Contains("offset=2", next, StringComparison.Ordinal);
        var rest = (await tenant.GetAsync(next[2..next.IndexOf('>', StringComparison.Ordinal)])).ShouldHaveStatus(200).Array;
        Assert.Equal("[1]", rest.Single()!["payload"]!.GetValue<string>());
        Assert.Empty((await tenant.GetAsync($"{Letters}?source=mqtt")).ShouldHaveStatus(200).Array);
        Assert.Empty((await tenant.GetAsync($"{Letters}?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}")).ShouldHaveStatus(200).Array);
        Assert.Equal(3, (await tenant.GetAsync($"{Letters}?source=http&since=2020-01-01T00:00:00Z")).ShouldHaveStatus(200).Array.Count);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("offset=-1")]
    [InlineData("since=yesterday")]
    [InlineData("colour=red")]
    public async Task Bad_parameters_are_refused(string query)
    {
        (await _client.GetAsync($"{Letters}?{query}")).ShouldBeClientError();
    }

    [Fact]
    public async Task The_CLI_prints_the_letters_of_a_data_directory()
    {
        var tenant = await TenantWithRefusedLinesAsync("""{"id":"urn:ngsi-ld:X:cli"}""");
        using var output = new StringWriter();

        var exitCode = await Host.Cli.Build().Parse(["lake", "dead-letters", "--data", fixture.Broker.DataDirectory, "--tenant", tenant.Tenant!, "--limit", "5"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("reason:  line 1: BadRequestData", text, StringComparison.Ordinal);
        Assert.Contains("""payload: {"id":"urn:ngsi-ld:X:cli"}""", text, StringComparison.Ordinal);
    }
}
