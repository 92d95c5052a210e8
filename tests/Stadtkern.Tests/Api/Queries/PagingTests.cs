using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Queries;

/// <summary>limit/offset pagination (clause 5.5.9) and count (NGSILD-Results-Count): every page at every offset complete and in a stable order.</summary>
public sealed class PagingTests(PagingFixture fixture) : IClassFixture<PagingFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    /// <summary>Selections taking the store's different paths: type index with filter, regex filter, q filter, and no filter at all.</summary>
    public static TheoryData<string> Selections() => new()
    {
        "type=Page",
        "type=Page&idPattern=%5Eurn%3Angsi-ld%3APage%3A",
        "q=index%3E%3D0",
        "local=true",
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public async Task Paging_by_20_returns_every_entity_exactly_once_in_creation_order(string selection)
    {
        var seen = new List<string>();
        for (var offset = 0; offset < PagingFixture.Total + 40; offset += 20)
        {
            var reply = await _client.QueryAsync($"{selection}&limit=20&offset={offset}");
            var page = reply.ShouldHaveStatus(200).Array.Select(e => e!["id"]!.GetValue<string>()).ToList();
            Assert.Equal(fixture.Ids.Skip(offset).Take(20), page);
            seen.AddRange(page);
        }

        Assert.Equal(fixture.Ids, seen);
    }

    [Theory]
    [MemberData(nameof(Selections))]
    public async Task Count_gives_the_total_on_every_page(string selection)
    {
        foreach (var offset in new[] { "0", "120", "240", "400" })
        {
            var reply = await _client.QueryAsync($"{selection}&limit=20&offset={offset}&count=true");

            reply.ShouldHaveStatus(200);
            Assert.Equal("250", reply.Header("NGSILD-Results-Count"));
        }
    }

    [Fact]
    public async Task Count_counts_only_the_entities_that_match()
    {
        var reply = await _client.QueryAsync(("type", "Page"), ("q", "parity==\"odd\";index>=100"), ("count", "true"), ("limit", "5"));

        reply.ShouldHaveStatus(200);
        Assert.Equal("75", reply.Header("NGSILD-Results-Count"));
        Assert.Equal(5, reply.Array.Count);
    }

    [Fact]
    public async Task Without_count_there_is_no_results_count_header()
    {
        var reply = await _client.QueryAsync(("type", "Page"));

        reply.ShouldHaveStatus(200);
        Assert.Null(reply.Header("NGSILD-Results-Count"));
    }

    [Fact]
    public async Task Without_limit_a_page_holds_the_default_page_size()
    {
        Assert.Equal(fixture.Ids.Take(20), await _client.QueryIdsAsync(("type", "Page")));
    }

    [Fact]
    public async Task Limit_zero_with_count_gives_only_the_count()
    {
        var reply = await _client.QueryAsync(("type", "Page"), ("limit", "0"), ("count", "true"));

        reply.ShouldHaveStatus(200);
        Assert.Empty(reply.Array);
        Assert.Equal("250", reply.Header("NGSILD-Results-Count"));
    }

    [Fact]
    public async Task Limit_equal_to_MaxPageSize_is_allowed()
    {
        Assert.Equal(fixture.Ids, await _client.QueryIdsAsync(("type", "Page"), ("limit", "1000")));
    }

    [Fact]
    public async Task Limit_above_MaxPageSize_answers_403_TooManyResults()
    {
        (await _client.QueryAsync(("type", "Page"), ("limit", "1001"))).ShouldBeProblem(403, "TooManyResults");
    }

    [Theory]
    [InlineData("limit", "-1")]
    [InlineData("offset", "-5")]
    [InlineData("limit", "ten")]
    [InlineData("offset", "1.5")]
    [InlineData("count", "yes")]
    public async Task Malformed_paging_parameters_answer_400(string name, string value)
    {
        (await _client.QueryAsync(("type", "Page"), (name, value))).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Limit_zero_without_count_answers_400()
    {
        (await _client.QueryAsync(("type", "Page"), ("limit", "0"))).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Context_source_filter_csf_answers_a_clear_OperationNotSupported()
    {
        var reply = await _client.QueryAsync(("type", "Page"), ("csf", "endpoint==\"http://example.org\""));

        reply.ShouldBeProblem(422, "OperationNotSupported");
        Assert.Contains("csf", reply.Object["detail"]!.GetValue<string>());
    }
}
