using System.Text;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>Bodies that are not JSON, empty, too deep or not UTF-8: 400 InvalidRequest on every write endpoint, and the store unchanged.</summary>
public sealed class MalformedBodyTests(TargetFixture fixture) : IClassFixture<TargetFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Theory]
    [MemberData(nameof(TargetFixture.WriteEndpoints), MemberType = typeof(TargetFixture))]
    public async Task Malformed_JSON_answers_400_InvalidRequest_and_changes_nothing(string method, string path)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(new HttpMethod(method), path, """{"id":"urn:ngsi-ld:Thing:target","type":""", NgsiClient.Json);

        reply.ShouldBeProblem(400, "InvalidRequest");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Theory]
    [MemberData(nameof(TargetFixture.WriteEndpoints), MemberType = typeof(TargetFixture))]
    public async Task Empty_body_answers_400_InvalidRequest_and_changes_nothing(string method, string path)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(new HttpMethod(method), path, "", NgsiClient.Json);

        reply.ShouldBeProblem(400, "InvalidRequest");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("   ")]
    [InlineData("{\"id\":\"urn:a:1\",}")]
    [InlineData("{'id':'urn:a:1'}")]
    [InlineData("[1,2")]
    [InlineData("{\"id\":\"urn:a:1\"} trailing")]
    public async Task Body_that_is_not_a_JSON_document_answers_400_InvalidRequest(string body)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, body, NgsiClient.Json);

        reply.ShouldBeProblem(400, "InvalidRequest");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Body_nested_deeper_than_allowed_answers_400_and_does_not_crash()
    {
        var body = "{\"id\":\"urn:ngsi-ld:Thing:deep\",\"type\":\"Thing\",\"a\":" + new string('[', 5000) + new string(']', 5000) + "}";
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, body, NgsiClient.Json);

        reply.ShouldBeProblem(400, "InvalidRequest");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Body_that_is_not_UTF8_answers_400()
    {
        var before = StoreSnapshot.Take(fixture.Broker);
        using var request = new HttpRequestMessage(HttpMethod.Post, NgsiClient.Entities)
        {
            Content = new ByteArrayContent([.. Encoding.ASCII.GetBytes("{\"id\":\"urn:ngsi-ld:Thing:x\",\"type\":\"T"), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\"}")]),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", NgsiClient.Json);

        using var response = await _client.Http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"an entity\"")]
    [InlineData("42")]
    [InlineData("true")]
    public async Task Body_of_the_wrong_JSON_kind_answers_400_InvalidRequest(string body)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, body, NgsiClient.Json);

        reply.ShouldBeProblem(400, "InvalidRequest");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }
}
