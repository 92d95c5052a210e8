using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Catalog;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>The open-data catalog's storage alike on every backend: versioned definitions, sources, releases and their files.</summary>
public abstract class CatalogStoreContract<TBackend>(TBackend backend) : StoreContract<TBackend>(backend) where TBackend : StoreBackend, new()
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static DatasetRecord Dataset(string id, int version, DateTimeOffset modified) =>
        new(id, new JsonObject { ["id"] = id, ["v"] = version }, version, At, modified);

    private static Release Release(string id, int number, ReleaseStatus status) =>
        new(id, number, status, At.AddHours(number), Encoding.UTF8.GetBytes($"manifest {number}"))
        {
            Distributions = [new DistributionInfo("csv", "text/csv", $"{id}-{number}.csv", 3, "abc")],
            Rows = number * 10,
            HeldReason = status == ReleaseStatus.Held ? "too many" : null,
            Report = new JsonObject { ["privacy"] = new JsonObject { ["rowsIn"] = 1 } },
        };

    [SkippableFact]
    public async Task Definitions_change_only_at_the_version_read_and_list_by_id_with_modified_since()
    {
        var store = (ICatalogStore)await OpenAloneAsync();
        Assert.True(await store.SaveDatasetAsync(Dataset("b-set", 1, At), 0, None));
        Assert.True(await store.SaveDatasetAsync(Dataset("a-set", 1, At.AddDays(1)), 0, None));
        Assert.False(await store.SaveDatasetAsync(Dataset("a-set", 1, At), 0, None));

        Assert.False(await store.SaveDatasetAsync(Dataset("a-set", 3, At.AddDays(2)), 2, None));
        Assert.True(await store.SaveDatasetAsync(Dataset("a-set", 2, At.AddDays(2)), 1, None));
        var read = await store.GetDatasetAsync("a-set", None);
        Assert.Equal((2, 2), (read!.Version, read.Document["v"]!.GetValue<int>()));
        Assert.Equal((At, At.AddDays(2)), (read.CreatedAt, read.ModifiedAt));

        var (all, total) = await store.ListDatasetsAsync(null, false, 0, 10, None);
        Assert.Equal(["a-set", "b-set"], all.Select(d => d.Id));
        Assert.Equal(2, total);
        var (recent, recentTotal) = await store.ListDatasetsAsync(At.AddDays(1), false, 0, 10, None);
        Assert.Equal(["a-set"], recent.Select(d => d.Id));
        Assert.Equal(1, recentTotal);
        var (second, _) = await store.ListDatasetsAsync(null, false, 1, 1, None);
        Assert.Equal("b-set", Assert.Single(second).Id);

        Assert.True(await store.SaveDatasetAsync(Dataset("b-set", 2, At.AddDays(3)) with { WithdrawnAt = At.AddDays(3) }, 1, None));
        Assert.Equal(["a-set"], (await store.ListDatasetsAsync(null, false, 0, 10, None)).Page.Select(d => d.Id));
        Assert.Equal(At.AddDays(3), (await store.ListDatasetsAsync(null, true, 0, 10, None)).Page.Single(d => d.Id == "b-set").WithdrawnAt);
        Assert.Null(await store.GetDatasetAsync("c-set", None));
    }

    [SkippableFact]
    public async Task Releases_keep_their_files_and_change_status_only_from_the_expected_one()
    {
        var store = (ICatalogStore)await OpenAsync();
        var id = "set-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(await store.AddReleaseAsync(Release(id, 1, ReleaseStatus.Published), [("csv", [1, 2, 3])], None));
        Assert.True(await store.AddReleaseAsync(Release(id, 2, ReleaseStatus.Held), [("csv", [4, 5, 6])], None));
        Assert.False(await store.AddReleaseAsync(Release(id, 2, ReleaseStatus.Published), [("csv", [7])], None));

        Assert.Equal([1], (await store.UnloggedReleasesAsync(None)).Where(r => r.DatasetId == id).Select(r => r.Number));
        Assert.True(await store.UpdateReleaseAsync(id, 1, ReleaseStatus.Published, ReleaseStatus.Published, 41, At, None));
        Assert.DoesNotContain(await store.UnloggedReleasesAsync(None), r => r.DatasetId == id);
        Assert.False(await store.UpdateReleaseAsync(id, 2, ReleaseStatus.Published, ReleaseStatus.Rejected, null, null, None));
        Assert.True(await store.UpdateReleaseAsync(id, 2, ReleaseStatus.Held, ReleaseStatus.Rejected, null, null, None));

        var releases = await store.ListReleasesAsync(id, None);
        Assert.Equal([2, 1], releases.Select(r => r.Number));
        var first = releases[1];
        Assert.Equal((ReleaseStatus.Published, 41L, At, 10L), (first.Status, first.LedgerIndex, first.PublishedAt, first.Rows));
        Assert.Equal("manifest 1", Encoding.UTF8.GetString(first.Manifest));
        Assert.Equal($"{id}-1.csv", Assert.Single(first.Distributions).FileName);
        Assert.Equal(1, first.Report["privacy"]!["rowsIn"]!.GetValue<int>());
        var second = (await store.GetReleaseAsync(id, 2, None))!;
        Assert.Equal((ReleaseStatus.Rejected, "too many", (long?)null), (second.Status, second.HeldReason, second.LedgerIndex));

        Assert.Equal([4, 5, 6], await store.ReadDistributionAsync(id, 2, "csv", None));
        Assert.Null(await store.ReadDistributionAsync(id, 2, "parquet", None));
        Assert.Null(await store.GetReleaseAsync(id, 3, None));
        Assert.Equal(2, (await store.NewestReleaseAsync(id, None))!.Number);
        Assert.Null(await store.NewestReleaseAsync(id + "-none", None));
    }

    [SkippableFact]
    public async Task An_uploaded_source_is_replaced_by_the_next_upload()
    {
        var store = (ICatalogStore)await OpenAsync();
        var id = "upload-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Null(await store.GetSourceFileAsync(id, None));
        await store.SaveSourceFileAsync(id, new SourceFile("text/csv", [1], At), None);
        await store.SaveSourceFileAsync(id, new SourceFile("text/csv", [2, 3], At.AddHours(1)), None);
        var file = await store.GetSourceFileAsync(id, None);
        Assert.Equal([2, 3], file!.Body);
        Assert.Equal(At.AddHours(1), file.UploadedAt);
    }
}
