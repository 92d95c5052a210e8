using Microsoft.Extensions.DependencyInjection;
using Stadtkern.Anonymisation;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Anonymisation;

/// <summary>Each tenant's pseudonym secret: made on first use, rotated over the API, kept across restarts, listed without the secret.</summary>
public sealed class PseudonymKeyTests
{
    private const string Keys = "stadtkern/v1/anonymisation/keys";

    [Fact]
    public async Task A_tenant_rotates_its_key_and_keeps_its_versions_across_a_restart_while_others_are_untouched()
    {
        using var data = new TempDirectory("pseudonym-keys");
        var tenant = TestData.NewTenant();
        byte[] first;
        await using (var broker = await TestBroker.StartAsync(dataDirectory: data.Path))
        {
            var client = broker.Client.ForTenant(tenant);
            Assert.Empty((await client.GetAsync(Keys)).ShouldHaveStatus(200).Array);
            var keys = broker.Services.GetRequiredService<PseudonymKeys>();
            first = (await keys.CurrentAsync(tenant, CancellationToken.None)).Secret;
            Assert.Equal(32, first.Length);

            var rotated = (await client.SendAsync(HttpMethod.Post, $"{Keys}/rotate", null, null)).ShouldHaveStatus(201).Object;
            Assert.Equal(2, rotated["version"]!.GetValue<int>());
            Assert.NotEqual(first, (await keys.CurrentAsync(tenant, CancellationToken.None)).Secret);
            Assert.Empty((await broker.Client.ForTenant(TestData.NewTenant()).GetAsync(Keys)).Array);
        }
        await using var again = await TestBroker.StartAsync(dataDirectory: data.Path);
        var listed = (await again.Client.ForTenant(tenant).GetAsync(Keys)).ShouldHaveStatus(200).Array;
        Assert.Equal([1, 2], listed.Select(k => k!["version"]!.GetValue<int>()));
        Assert.Equal([false, true], listed.Select(k => k!["current"]!.GetValue<bool>()));
        Assert.DoesNotContain("secret", listed.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var versions = await again.Services.GetRequiredService<IPseudonymKeyStore>().PseudonymKeysAsync(tenant, CancellationToken.None);
        Assert.Equal(first, versions[0].Secret);
    }
}
