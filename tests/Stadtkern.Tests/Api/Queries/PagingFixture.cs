using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Queries;

/// <summary>A broker holding exactly 250 entities of type Page (ids in creation order) and nothing else.</summary>
public sealed class PagingFixture : BrokerFixture
{
    public const int Total = 250;

    public IReadOnlyList<string> Ids { get; } = Enumerable.Range(0, Total).Select(i => $"urn:ngsi-ld:Page:{i:D4}-{Guid.NewGuid():N}").ToList();

    protected override Task SeedAsync(NgsiClient client) =>
        client.SeedAsync(Ids.Select((id, i) => TestData.Parse($$"""{"id":"{{id}}","type":"Page","index":{{i}},"parity":"{{(i % 2 == 0 ? "even" : "odd")}}"}""")));
}
