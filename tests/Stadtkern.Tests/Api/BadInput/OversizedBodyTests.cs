using System.Text;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>A body above <see cref="StadtkernOptions.MaxRequestBodyBytes"/> gets 413, whether its length is announced or not.</summary>
public sealed class OversizedBodyTests(OversizedBodyTests.SmallBodyFixture fixture) : IClassFixture<OversizedBodyTests.SmallBodyFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    public sealed class SmallBodyFixture : BrokerFixture
    {
        protected override void Configure(StadtkernOptions options) => options.MaxRequestBodyBytes = 2048;
    }

    private static string LargeEntity() =>
        TestData.Parse($$"""{"id":"{{TestData.NewId()}}","type":"Thing","blob":"{{new string('x', 10_000)}}"}""").ToJsonString();

    [Fact]
    public async Task Body_with_a_content_length_above_the_limit_answers_413_and_changes_nothing()
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, LargeEntity(), NgsiClient.Json);

        reply.ShouldHaveStatus(413);
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Chunked_body_above_the_limit_answers_413_and_changes_nothing()
    {
        var before = StoreSnapshot.Take(fixture.Broker);
        using var request = new HttpRequestMessage(HttpMethod.Post, NgsiClient.Entities)
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(LargeEntity()))),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", NgsiClient.Json);
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.Http.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Oversized_batch_answers_413()
    {
        var batch = "[" + string.Join(',', Enumerable.Range(0, 100).Select(_ => TestData.Entity(TestData.NewId(), "Thing").ToJsonString())) + "]";

        var reply = await _client.SendAsync(HttpMethod.Post, "ngsi-ld/v1/entityOperations/create", batch, NgsiClient.Json);

        reply.ShouldHaveStatus(413);
    }

    [Fact]
    public async Task Body_below_the_limit_is_still_accepted()
    {
        (await _client.CreateAsync(TestData.Entity(TestData.NewId(), "Thing"))).ShouldHaveStatus(201);
    }
}
