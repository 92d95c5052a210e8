using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store;

/// <summary>The group-commit writer: concurrent writes all land, and one failing work item never undoes the others committed with it.</summary>
public sealed class GroupCommitTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Many_concurrent_writes_all_land_and_survive_a_reopen()
    {
        await using var scope = await StoreScope.OpenAsync();
        var ids = Enumerable.Range(0, 600).Select(_ => TestData.NewId()).ToList();

        var writes = ids.Select(id => Task.Run(() => scope.Store.WriteAsync("", tx =>
        {
            tx.Insert(StoreScope.Stored(id));
            return id;
        }, None)));
        var written = await Task.WhenAll(writes);

        Assert.Equal(ids.Order(), written.Order());
        await scope.ReopenAsync();
        var page = await scope.Store.QueryAsync(new Stadtkern.Store.EntityQuery("") { Limit = 1000, Count = true }, None);
        Assert.Equal(600, page.Total);
        Assert.Equal(ids.Order(), page.Entities.Select(e => e["id"]!.GetValue<string>()).Order());
    }

    /// <summary>Holds the writer inside a first work item until the others are queued, so that they are all committed in one batch.</summary>
    private static async Task<(Task Blocker, ManualResetEventSlim Release)> BlockWriterAsync(StoreScope scope)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim(false);
        var blocker = scope.Store.WriteAsync("", _ =>
        {
            started.SetResult();
            release.Wait(TimeSpan.FromSeconds(30));
            return true;
        }, None);
        await started.Task;
        return (blocker, release);
    }

    [Fact]
    public async Task Failing_work_item_does_not_undo_the_others_in_the_same_batch()
    {
        await using var scope = await StoreScope.OpenAsync();
        var (blocker, release) = await BlockWriterAsync(scope);
        using var gate = release;
        var ids = Enumerable.Range(0, 100).Select(_ => TestData.NewId()).ToList();
        var writes = ids.Select((id, i) => scope.Store.WriteAsync("", tx =>
        {
            tx.Insert(StoreScope.Stored(id));
            if (i % 10 == 3) throw new InvalidOperationException($"work item {i} fails after writing");
            return id;
        }, None)).ToList();

        release.Set();
        await blocker;
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try { return (Ok: true, Error: (Exception?)null, Id: await w); }
            catch (InvalidOperationException e) { return (Ok: false, Error: e, Id: ""); }
        }));

        Assert.Equal(90, outcomes.Count(o => o.Ok));
        Assert.All(outcomes.Where(o => !o.Ok), o => Assert.Contains("fails after writing", o.Error!.Message));
        for (var i = 0; i < ids.Count; i++)
        {
            var stored = await scope.Store.GetAsync("", ids[i], None);
            if (i % 10 == 3) Assert.Null(stored);
            else Assert.NotNull(stored);
        }
    }

    [Fact]
    public async Task Failing_work_item_keeps_none_of_its_own_writes()
    {
        await using var scope = await StoreScope.OpenAsync();
        var survivor = TestData.NewId();
        await scope.Store.WriteAsync("", tx => { tx.Insert(StoreScope.Stored(survivor, temperature: 1)); return true; }, None);
        var doomed = TestData.NewId();

        await Assert.ThrowsAsync<NgsiLdException>(() => scope.Store.WriteAsync<bool>("", tx =>
        {
            tx.Insert(StoreScope.Stored(doomed));
            tx.Replace(StoreScope.Stored(survivor, temperature: 99));
            tx.Delete(survivor);
            throw NgsiLdException.BadData("changed my mind");
        }, None));

        Assert.Null(await scope.Store.GetAsync("", doomed, None));
        var kept = await scope.Store.GetAsync("", survivor, None);
        Assert.Equal(1, kept!["https://uri.etsi.org/ngsi-ld/default-context/temperature"]![0]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task Concurrent_creates_of_one_id_let_exactly_one_win()
    {
        await using var scope = await StoreScope.OpenAsync();
        var service = scope.Service();
        var id = TestData.NewId();

        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await service.CreateAsync("", TestData.Entity(id, "Thing", i), JsonLdContext.Core, None);
                return "created";
            }
            catch (NgsiLdException e) when (e.Type == ErrorType.AlreadyExists)
            {
                return "exists";
            }
        }));
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r == "created");
        Assert.Equal(19, results.Count(r => r == "exists"));
    }

    [Fact]
    public async Task Concurrent_appends_to_one_entity_lose_no_update()
    {
        await using var scope = await StoreScope.OpenAsync();
        var service = scope.Service();
        var id = TestData.NewId();
        await service.CreateAsync("", TestData.Entity(id, "Thing"), JsonLdContext.Core, None);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            service.AppendAttributesAsync("", id, TestData.Parse($$"""{"a{{i}}":{{i}}}"""), JsonLdContext.Core, noOverwrite: false, None))));

        var entity = await scope.Store.GetAsync("", id, None);
        for (var i = 0; i < 100; i++) Assert.NotNull(entity![$"https://uri.etsi.org/ngsi-ld/default-context/a{i}"]);
    }
}
