using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>Content types other than JSON and JSON-LD (and merge-patch where allowed) get 415 on every write endpoint.</summary>
public sealed class ContentTypeTests(TargetFixture fixture) : IClassFixture<TargetFixture>
{
    private readonly NgsiClient _client = fixture.Client;
    private const string ValidEntity = """{"id":"urn:ngsi-ld:Thing:other","type":"Thing","temperature":1}""";

    [Theory]
    [MemberData(nameof(TargetFixture.WriteEndpoints), MemberType = typeof(TargetFixture))]
    public async Task Text_plain_answers_415_and_changes_nothing(string method, string path)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(new HttpMethod(method), path, ValidEntity, "text/plain");

        reply.ShouldBeProblem(415, "InvalidRequest");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Theory]
    [MemberData(nameof(TargetFixture.WriteEndpoints), MemberType = typeof(TargetFixture))]
    public async Task Missing_content_type_answers_415_and_changes_nothing(string method, string path)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(new HttpMethod(method), path, ValidEntity, null);

        reply.ShouldHaveStatus(415);
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/geo+json")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/merge-patch+json")]
    public async Task Create_with_an_unsupported_media_type_answers_415(string contentType)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, ValidEntity, contentType);

        reply.ShouldHaveStatus(415);
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Content_type_parameters_and_case_do_not_matter()
    {
        var id = TestData.NewId();

        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.Entities, TestData.Entity(id, "Thing").ToJsonString(), "Application/JSON; charset=utf-8");

        reply.ShouldHaveStatus(201);
    }
}
