using System.Globalization;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Lake;

/// <summary>Every HTTP body is kept before it is interpreted — a refused one too — and each tenant sees only its own lake.</summary>
public sealed class LakeApiTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_refused_body_is_in_the_lake_verbatim_and_only_for_its_tenant()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var marker = Guid.NewGuid().ToString("N");
        (await tenant.SendAsync(HttpMethod.Post, NgsiClient.Entities, "{\"broken\": \"" + marker, NgsiClient.Json)).ShouldBeProblem(400, "InvalidRequest");

        var own = (await tenant.GetAsync($"stadtkern/v1/lake/partitions/http/{Today}?limit=1000")).ShouldHaveStatus(200).Array;
        var others = (await _client.GetAsync($"stadtkern/v1/lake/partitions/http/{Today}?limit=1000")).ShouldHaveStatus(200).Array;

        var record = Assert.Single(own)!.AsObject();
        Assert.Equal("{\"broken\": \"" + marker, record["body"]!.GetValue<string>());
        Assert.Equal("POST /ngsi-ld/v1/entities", record["channel"]!.GetValue<string>());
        Assert.DoesNotContain(others, r => r!["body"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal));
        var partitions = (await tenant.GetAsync("stadtkern/v1/lake/partitions")).ShouldHaveStatus(200).Array;
        Assert.Equal("http", Assert.Single(partitions)!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_export_is_the_partition_as_stored()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        await tenant.CreateOkAsync(TestData.Entity(TestData.NewId(), "Thing"));

        var export = await tenant.GetAsync($"stadtkern/v1/lake/partitions/http/{Today}/export");

        export.ShouldHaveStatus(200);
        Assert.Equal("application/x-ndjson", export.MediaType);
        Assert.Single(export.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        (await tenant.GetAsync("stadtkern/v1/lake/partitions/http/yesterday")).ShouldBeProblem(400, "BadRequestData");
    }
}
