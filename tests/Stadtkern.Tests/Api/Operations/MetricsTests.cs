using System.Text.RegularExpressions;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Operations;

/// <summary><c>/metrics</c>: request counters by status class in the Prometheus text format.</summary>
public sealed partial class MetricsTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [GeneratedRegex("""stadtkern_http_requests_total\{class="(\dxx)"\} (\d+)""")]
    private static partial Regex Counter();

    private async Task<Dictionary<string, long>> ReadAsync()
    {
        var reply = await fixture.Client.GetAsync("/metrics");
        reply.ShouldHaveStatus(200);
        Assert.Equal("text/plain", reply.MediaType);
        Assert.Contains("# TYPE stadtkern_http_requests_total counter", reply.Body);
        return Counter().Matches(reply.Body).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Metrics_list_a_counter_for_each_status_class()
    {
        var counters = await ReadAsync();

        Assert.Equal(["1xx", "2xx", "3xx", "4xx", "5xx"], counters.Keys.Order());
    }

    [Fact]
    public async Task Requests_are_counted_by_their_status_class()
    {
        var before = await ReadAsync();

        (await fixture.Client.RetrieveAsync(TestData.NewId())).ShouldHaveStatus(404);
        (await fixture.Client.RetrieveAsync(TestData.NewId())).ShouldHaveStatus(404);

        var after = await ReadAsync();
        Assert.True(after["4xx"] >= before["4xx"] + 2, $"4xx went from {before["4xx"]} to {after["4xx"]}");
        Assert.True(after["2xx"] >= before["2xx"] + 1, $"2xx went from {before["2xx"]} to {after["2xx"]}");
        Assert.Equal(0, after["5xx"]);
    }
}
