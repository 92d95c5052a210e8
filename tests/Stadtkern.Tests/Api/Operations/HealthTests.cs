using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Operations;

/// <summary>Liveness and readiness endpoints for orchestrators.</summary>
public sealed class HealthTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoint_answers_200_Healthy(string path)
    {
        var reply = await fixture.Client.GetAsync(path);

        reply.ShouldHaveStatus(200);
        Assert.Equal("Healthy", reply.Body);
    }
}
