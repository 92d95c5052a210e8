using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>Unknown or repeated query parameters are refused with a clear 400 instead of being silently ignored.</summary>
public sealed class UnknownParameterTests(TargetFixture fixture) : IClassFixture<TargetFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    [Theory]
    [InlineData("GET", "ngsi-ld/v1/entities?type=Thing&colour=red")]
    [InlineData("GET", "ngsi-ld/v1/entities/urn:ngsi-ld:Thing:target?verbose=1")]
    [InlineData("GET", "ngsi-ld/v1/entities?type=Thing&Limit=5")]
    [InlineData("DELETE", "ngsi-ld/v1/entities/urn:ngsi-ld:Thing:target?force=true")]
    [InlineData("GET", "ngsi-ld/v1/attributes?sort=name")]
    [InlineData("GET", "ngsi-ld/v1/jsonldContexts?all=true")]
    public async Task Unknown_parameter_answers_400_and_changes_nothing(string method, string pathAndQuery)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.SendAsync(new HttpMethod(method), pathAndQuery, null, null);

        reply.ShouldBeProblem(400, "InvalidRequest");
        Assert.Contains("parameter", reply.Object["detail"]!.GetValue<string>());
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Repeated_parameter_answers_400()
    {
        var reply = await _client.QueryAsync("type=Thing&type=Other");

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Contains("more than once", reply.Object["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_parameter_on_create_answers_400_and_creates_nothing()
    {
        var id = TestData.NewId();

        var reply = await _client.PostAsync(NgsiClient.Entities + "?dryRun=true", TestData.Entity(id, "Thing"));

        reply.ShouldBeProblem(400, "InvalidRequest");
        (await _client.RetrieveAsync(id)).ShouldHaveStatus(404);
    }

    [Fact]
    public async Task Unknown_parameter_on_a_batch_answers_400_and_creates_nothing()
    {
        var id = TestData.NewId();

        var reply = await _client.BatchAsync("create", TestData.Array(TestData.Entity(id, "Thing")), "atomic=true");

        reply.ShouldBeProblem(400, "InvalidRequest");
        (await _client.RetrieveAsync(id)).ShouldHaveStatus(404);
    }

    [Fact]
    public async Task Empty_parameter_value_answers_400()
    {
        (await _client.QueryAsync("type=")).ShouldBeProblem(400, "BadRequestData");
        (await _client.QueryAsync("type=Thing&attrs=")).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Method_that_a_resource_does_not_offer_answers_405_not_500()
    {
        var reply = await _client.SendAsync(HttpMethod.Post, NgsiClient.EntityPath(TargetFixture.TargetId), "{}", NgsiClient.Json);

        reply.ShouldHaveStatus(405);
    }

    [Fact]
    public async Task Unknown_path_answers_404_problem()
    {
        (await _client.GetAsync("ngsi-ld/v1/nothing-here")).ShouldBeProblem(404, "ResourceNotFound");
    }
}
