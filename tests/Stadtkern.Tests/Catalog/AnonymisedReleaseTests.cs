using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Catalog.DatasetDocuments;

namespace Stadtkern.Tests.Catalog;

/// <summary>
/// Releases through an anonymisation profile: what is published has no identifier, location or rare combination that
/// the profile forbids, the privacy report says what was done, and an output that cannot meet the profile is refused.
/// </summary>
public sealed class AnonymisedReleaseTests
{
    private static readonly JsonObject Profile = TestData.Parse("""
        {"id": "trips", "rules": [
          {"rule": "pseudonymise", "columns": ["card"]},
          {"rule": "coarsenLocation", "column": "location", "grid": "1km"},
          {"rule": "kAnonymity", "k": 3, "quasiIdentifiers": ["age", "location"], "maxSuppression": 0.5}
        ]}
        """);

    private static string Trips()
    {
        var csv = new StringBuilder("card,age,lon,lat,fare\n");
        for (var i = 0; i < 12; i++) csv.Append(FormattableString.Invariant($"card-{i:D3},{(i < 9 ? 30 : 70 + i)},{9.1800 + i * 0.0001},{48.7800},{2.5 + i}\n"));
        return csv.ToString();
    }

    [Fact]
    public async Task The_published_files_carry_pseudonyms_grid_cells_and_groups_of_at_least_k()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var id = NewId("trips");
        await DefineAsync(client, Upload(id, Profile));
        await UploadAsync(client, id, Trips());

        var release = await PublishOkAsync(client, id);

        Assert.Equal("published", release["status"]!.GetValue<string>());
        var report = release["privacyReport"]!;
        var (rowsOut, suppressed) = (report["rowsOut"]!.GetValue<int>(), report["rowsSuppressed"]!.GetValue<int>());
        Assert.Equal(12, rowsOut + suppressed);
        Assert.True(report["kReached"]!.GetValue<int>() >= 3);
        var csv = Encoding.UTF8.GetString(await DownloadAsync(client, release, "csv"));
        Assert.DoesNotContain("card-0", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("9.1801", csv, StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',').ToList();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(rowsOut, rows.Count);
        int[] quasi = [header.IndexOf("age"), header.IndexOf("location_longitude"), header.IndexOf("location_latitude")];
        Assert.DoesNotContain(-1, quasi);
        Assert.All(rows.GroupBy(r => string.Join("|", quasi.Select(q => r[q]))), group => Assert.True(group.Count() >= 3, $"group {group.Key} has {group.Count()} rows"));
        // The same card gets the same pseudonym in the next release (one key), so series stay linkable within the key's life.
        var again = Encoding.UTF8.GetString(await DownloadAsync(client, await PublishOkAsync(client, id), "csv"));
        Assert.Equal(rows.Select(r => r[0]).Order(), again.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')[0]).Order());
    }

    [Fact]
    public async Task An_output_that_cannot_meet_the_profile_is_refused_and_nothing_is_stored()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var id = NewId("unique");
        var strict = Profile.DeepClone().AsObject();
        strict["rules"]![2]!["maxSuppression"] = 0.0;
        await DefineAsync(client, Upload(id, strict));
        // Two rows can never form a group of three, however coarse the quasi-identifiers become.
        await UploadAsync(client, id, "card,age,lon,lat,fare\ncard-1,30,9.18,48.78,2.5\ncard-2,31,9.18,48.78,3.5\n");

        var refused = await PublishAsync(client, id);

        refused.ShouldBeProblem(409, "Conflict");
        Assert.Contains("refused", refused.Object["detail"]!.GetValue<string>());
        Assert.Empty((await client.GetAsync($"{Datasets}/{id}/releases")).ShouldHaveStatus(200).Array);
    }

    [Fact]
    public async Task Noise_spends_the_privacy_budget_and_a_release_beyond_it_is_refused()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var id = NewId("noisy");
        var document = Upload(id, TestData.Parse("""
            {"id": "counts", "rules": [{"rule": "aggregate", "dimensions": ["district"], "minCellSize": 1}, {"rule": "noise", "epsilon": 0.6}]}
            """));
        document["privacyBudget"] = 1.0;
        await DefineAsync(client, document);
        await UploadAsync(client, id, "district,person\nNord,a\nNord,b\nSüd,c\nSüd,d\nSüd,e\n");

        var first = await PublishOkAsync(client, id);

        Assert.Equal(0.6, first["privacyReport"]!["epsilonSpent"]!.GetValue<double>(), 6);
        var second = await PublishAsync(client, id);
        second.ShouldBeProblem(409, "Conflict");
        Assert.Contains("privacy budget", second.Object["detail"]!.GetValue<string>());
    }
}
