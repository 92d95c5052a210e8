using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>The @context rules of clause 6.3.5: in the body only for application/ld+json, and then required; never both body and Link.</summary>
public sealed class ContextMismatchTests(TargetFixture fixture) : IClassFixture<TargetFixture>
{
    private readonly NgsiClient _client = fixture.Client;
    private const string Core = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";

    [Fact]
    public async Task Context_in_an_application_json_body_answers_400_and_changes_nothing()
    {
        var before = StoreSnapshot.Take(fixture.Broker);
        var body = TestData.Entity(TestData.NewId(), "Thing");
        body["@context"] = Core;

        var reply = await _client.CreateAsync(body, NgsiClient.Json);

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Ld_json_body_without_context_answers_400_and_changes_nothing()
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.CreateAsync(TestData.Entity(TestData.NewId(), "Thing"), NgsiClient.LdJson);

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Ld_json_body_with_a_Link_header_as_well_answers_400()
    {
        var body = TestData.Entity(TestData.NewId(), "Thing");
        body["@context"] = Core;

        var reply = await _client.CreateAsync(body, NgsiClient.LdJson, NgsiClient.LinkTo(Core));

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Context_in_an_attribute_update_body_sent_as_json_answers_400()
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.PatchAsync(NgsiClient.EntityPath(TargetFixture.TargetId) + "/attrs", TestData.Parse($$"""{"temperature":5,"@context":"{{Core}}"}"""));

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Batch_element_with_a_context_sent_as_json_is_reported_per_entity()
    {
        var withContext = TestData.Entity(TestData.NewId(), "Thing");
        withContext["@context"] = Core;
        var plain = TestData.NewId();

        var reply = await _client.BatchAsync("create", TestData.Array(withContext, TestData.Entity(plain, "Thing")));

        reply.ShouldHaveStatus(207);
        Assert.Equal([plain], reply.Object["success"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Theory]
    [InlineData("<not a url>; rel=\"http://www.w3.org/ns/json-ld#context\"")]
    [InlineData("<relative/context.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"")]
    public async Task Link_header_that_is_not_a_URL_answers_400(string link)
    {
        var reply = await _client.RetrieveAsync(TargetFixture.TargetId, link: link);

        reply.ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Link_header_with_another_rel_is_ignored()
    {
        var reply = await _client.RetrieveAsync(TargetFixture.TargetId, link: "<http://127.0.0.1:9/ctx.jsonld>; rel=\"next\"");

        reply.ShouldHaveStatus(200);
    }
}
