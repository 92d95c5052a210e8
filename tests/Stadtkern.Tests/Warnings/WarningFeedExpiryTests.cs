using Microsoft.Extensions.Time.Testing;
using Stadtkern.Broker;
using Stadtkern.Tests.Support;
using Stadtkern.Warnings;

namespace Stadtkern.Tests.Warnings;

/// <summary>What is "current" moves with the clock: the service on the real store with a fake clock (the web host has no hook for one).</summary>
public sealed class WarningFeedExpiryTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task Warning_leaves_the_feed_when_it_expires_and_the_feed_says_it_changed()
    {
        await using var scope = await StoreScope.OpenAsync();
        var time = new FakeTimeProvider(Start);
        var service = new WarningService(scope.Store, scope.Service(time), new StadtkernOptions(), time);
        var shortLived = await ReleaseAsync(service, Start.AddHours(1));
        var longLived = await ReleaseAsync(service, Start.AddHours(5));

        var (current, updated) = await service.FeedAsync(None);
        Assert.Equal(new[] { longLived, shortLived }.Order(StringComparer.Ordinal), current.Select(w => w.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Start, updated);

        time.Advance(TimeSpan.FromHours(2));
        (current, updated) = await service.FeedAsync(None);
        Assert.Equal([longLived], current.Select(w => w.Id));
        Assert.Equal(Start.AddHours(1), updated);

        var xml = System.Text.Encoding.UTF8.GetString(AtomFeed.Write(current, updated, new Uri("http://stadt.example/")));
        Assert.Contains($"http://stadt.example/cap/alerts/{longLived}.xml", xml);
        Assert.DoesNotContain(shortLived, xml);
    }

    [Fact]
    public async Task Warning_cancelled_leaves_the_feed_and_its_sent_time_is_CAP_form()
    {
        await using var scope = await StoreScope.OpenAsync();
        var time = new FakeTimeProvider(Start);
        var service = new WarningService(scope.Store, scope.Service(time), new StadtkernOptions(), time);
        var id = await ReleaseAsync(service, Start.AddHours(5));

        time.Advance(TimeSpan.FromMinutes(10));
        var cancel = await service.FollowUpAsync(id, "Cancel", null, "anna", None);
        await service.ApproveAsync(cancel.Id, "ben", None);
        var published = await service.PublishAsync(cancel.Id, "ben", None);

        Assert.Empty((await service.FeedAsync(None)).Current);
        Assert.Equal($"warnung@darmstadt.example,{id},2026-06-01T08:00:00+00:00", (await service.PublishedAsync(id, None)).CapReference);
        CapSchema.AssertValid(System.Text.Encoding.UTF8.GetString(CapXml.Write(published, await service.CapReferencesAsync(published, None))));
    }

    private static async Task<string> ReleaseAsync(WarningService service, DateTimeOffset expires)
    {
        var alert = AlertDocument.Read(WarningClient.Storm());
        foreach (var info in alert.Info!)
        {
            info.Effective = CapVocabulary.FormatTime(Start);
            info.Onset = null;
            info.Expires = CapVocabulary.FormatTime(expires);
        }
        var draft = await service.CreateDraftAsync(alert, "anna", None);
        await service.ApproveAsync(draft.Id, "ben", None);
        return (await service.PublishAsync(draft.Id, "ben", None)).Id;
    }
}
