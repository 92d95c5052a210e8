using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Representation;

/// <summary><c>pick</c> and <c>omit</c> (clause 4.21): projection of entity members, including id and type.</summary>
public sealed class PickOmitTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private async Task<string> CreateAsync()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{id}}","type":"Thing","a":1,"b":2,"c":3}"""));
        return id;
    }

    [Fact]
    public async Task Pick_keeps_only_the_named_members()
    {
        var id = await CreateAsync();

        var entity = await _client.RetrieveOkAsync(id, "pick=id,a");

        Assert.Equal(["a", "id"], entity.Select(kv => kv.Key).Order());
    }

    [Fact]
    public async Task Pick_without_id_leaves_out_the_id()
    {
        var id = await CreateAsync();

        var entity = await _client.RetrieveOkAsync(id, "pick=type,b");

        Assert.Equal(["b", "type"], entity.Select(kv => kv.Key).Order());
    }

    [Fact]
    public async Task Omit_drops_the_named_members()
    {
        var id = await CreateAsync();

        var entity = await _client.RetrieveOkAsync(id, "omit=b,type");

        Assert.Equal(["a", "c", "id"], entity.Select(kv => kv.Key).Order());
    }

    [Fact]
    public async Task Pick_and_omit_together_answer_400()
    {
        var id = await CreateAsync();

        (await _client.RetrieveAsync(id, "pick=a&omit=b")).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Pick_applies_to_query_results()
    {
        var type = TestData.NewType();
        await _client.CreateOkAsync(TestData.Parse($$"""{"id":"{{TestData.NewId()}}","type":"{{type}}","a":1,"b":2}"""));

        var reply = await _client.QueryAsync(("type", type), ("pick", "id,b"));

        reply.ShouldHaveStatus(200);
        Assert.Equal(["b", "id"], Assert.Single(reply.Array)!.AsObject().Select(kv => kv.Key).Order());
    }
}
