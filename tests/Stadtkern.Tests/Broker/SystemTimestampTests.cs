using Microsoft.Extensions.Time.Testing;
using Stadtkern.JsonLd;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Broker;

/// <summary>System dates (createdAt, modifiedAt) come from the injected <see cref="TimeProvider"/>.</summary>
/// <remarks>
/// The web host registers <c>TimeProvider.System</c> itself and <c>WebHost.Build</c> offers no hook for services, so these
/// tests drive <see cref="Stadtkern.Broker.EntityService"/> directly on the real store with a fake clock.
/// </remarks>
public sealed class SystemTimestampTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Vocab = "https://uri.etsi.org/ngsi-ld/default-context/";
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Create_stamps_the_entity_and_its_attributes_with_the_current_time()
    {
        await using var scope = await StoreScope.OpenAsync();
        var time = new FakeTimeProvider(Start);
        var id = TestData.NewId();

        await scope.Service(time).CreateAsync("", TestData.Entity(id, "Thing"), JsonLdContext.Core, None);

        var entity = (await scope.Store.GetAsync("", id, None))!;
        Assert.Equal("2026-11-28T08:00:00.000000Z", entity["createdAt"]!.GetValue<string>());
        Assert.Equal("2026-11-28T08:00:00.000000Z", entity["modifiedAt"]!.GetValue<string>());
        Assert.Equal("2026-11-28T08:00:00.000000Z", entity[Vocab + "temperature"]![0]!["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_an_hour_later_moves_modifiedAt_and_keeps_createdAt()
    {
        await using var scope = await StoreScope.OpenAsync();
        var time = new FakeTimeProvider(Start);
        var service = scope.Service(time);
        var id = TestData.NewId();
        await service.CreateAsync("", TestData.Parse($$"""{"id":"{{id}}","type":"Thing","a":1,"b":1}"""), JsonLdContext.Core, None);

        time.Advance(TimeSpan.FromHours(1));
        await service.UpdateAttributesAsync("", id, TestData.Parse("""{"a":2}"""), JsonLdContext.Core, None);

        var entity = (await scope.Store.GetAsync("", id, None))!;
        Assert.Equal("2026-11-28T08:00:00.000000Z", entity["createdAt"]!.GetValue<string>());
        Assert.Equal("2026-11-28T09:00:00.000000Z", entity["modifiedAt"]!.GetValue<string>());
        Assert.Equal("2026-11-28T08:00:00.000000Z", entity[Vocab + "a"]![0]!["createdAt"]!.GetValue<string>());
        Assert.Equal("2026-11-28T09:00:00.000000Z", entity[Vocab + "a"]![0]!["modifiedAt"]!.GetValue<string>());
        Assert.Equal("2026-11-28T08:00:00.000000Z", entity[Vocab + "b"]![0]!["modifiedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replace_keeps_the_original_creation_time()
    {
        await using var scope = await StoreScope.OpenAsync();
        var time = new FakeTimeProvider(Start);
        var service = scope.Service(time);
        var id = TestData.NewId();
        await service.CreateAsync("", TestData.Entity(id, "Thing"), JsonLdContext.Core, None);

        time.Advance(TimeSpan.FromDays(2));
        await service.ReplaceAsync("", id, TestData.Parse("""{"type":"Thing","x":1}"""), JsonLdContext.Core, None);

        var entity = (await scope.Store.GetAsync("", id, None))!;
        Assert.Equal("2026-11-28T08:00:00.000000Z", entity["createdAt"]!.GetValue<string>());
        Assert.Equal("2026-11-30T08:00:00.000000Z", entity["modifiedAt"]!.GetValue<string>());
    }
}
