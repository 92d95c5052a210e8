using Stadtkern.Store;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store;

/// <summary>SqliteEntityStore.QueryAsync: paging with and without the exact filter, counts, and the id and type selectors.</summary>
public sealed class StoreQueryTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Vocab = "https://uri.etsi.org/ngsi-ld/default-context/";
    private StoreScope _scope = null!;
    private readonly List<string> _ids = Enumerable.Range(0, 120).Select(i => $"urn:ngsi-ld:Thing:{i:D3}").ToList();

    public async Task InitializeAsync()
    {
        _scope = await StoreScope.OpenAsync();
        await _scope.Store.WriteAsync("", tx =>
        {
            for (var i = 0; i < _ids.Count; i++) tx.Insert(StoreScope.Stored(_ids[i], i % 3 == 0 ? "Fizz" : "Other", i));
            return true;
        }, None);
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private static bool Even(System.Text.Json.Nodes.JsonObject e) => e[Vocab + "temperature"]![0]!["value"]!.GetValue<double>() % 2 == 0;

    [Theory]
    [InlineData(0, 7)]
    [InlineData(56, 7)]
    [InlineData(115, 7)]
    [InlineData(200, 7)]
    public async Task Unfiltered_pages_are_slices_in_insertion_order(int offset, int limit)
    {
        var page = await _scope.Store.QueryAsync(new EntityQuery("") { Offset = offset, Limit = limit }, None);

        Assert.Equal(_ids.Skip(offset).Take(limit), page.Entities.Select(e => e["id"]!.GetValue<string>()));
        Assert.Null(page.Total);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(25, 10)]
    [InlineData(55, 10)]
    public async Task Filtered_pages_are_slices_of_the_matches(int offset, int limit)
    {
        var expected = _ids.Where((_, i) => i % 2 == 0).Skip(offset).Take(limit);

        var page = await _scope.Store.QueryAsync(new EntityQuery("") { Filter = Even, Offset = offset, Limit = limit, Count = true }, None);

        Assert.Equal(expected, page.Entities.Select(e => e["id"]!.GetValue<string>()));
        Assert.Equal(60, page.Total);
    }

    [Fact]
    public async Task Type_selector_uses_the_type_index()
    {
        var page = await _scope.Store.QueryAsync(new EntityQuery("") { AnyOfTypes = [Vocab + "Fizz"], Limit = 1000, Count = true }, None);

        Assert.Equal(40, page.Total);
        Assert.Equal(_ids.Where((_, i) => i % 3 == 0), page.Entities.Select(e => e["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Id_selector_returns_only_existing_ids()
    {
        var page = await _scope.Store.QueryAsync(new EntityQuery("") { Ids = [_ids[5], _ids[1], "urn:ngsi-ld:Thing:none"], Limit = 10 }, None);

        Assert.Equal([_ids[1], _ids[5]], page.Entities.Select(e => e["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Count_without_a_filter_counts_everything_while_returning_one_page()
    {
        var page = await _scope.Store.QueryAsync(new EntityQuery("") { Limit = 3, Offset = 10, Count = true }, None);

        Assert.Equal(120, page.Total);
        Assert.Equal(_ids.Skip(10).Take(3), page.Entities.Select(e => e["id"]!.GetValue<string>()));
    }
}
