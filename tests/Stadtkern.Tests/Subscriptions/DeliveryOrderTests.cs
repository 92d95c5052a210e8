using Stadtkern.Subscriptions;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>How a page of the outbox is split for sending side by side: notifications about a common entity stay together, in order.</summary>
public sealed class DeliveryOrderTests
{
    private static OutboxEntry Entry(long seq, params string[] ids) => new(seq, new OutboxMessage("t", "s", "http://127.0.0.1/", new Dictionary<string, string>(),
        "{\"id\":\"n\",\"type\":\"Notification\",\"data\":[" + string.Join(",", ids.Select(id => $"{{\"id\":\"{id}\",\"type\":\"T\"}}")) + "]}", DateTimeOffset.UnixEpoch));

    private static long[][] Seqs(IReadOnlyList<IReadOnlyList<OutboxEntry>> groups) => [.. groups.Select(g => g.Select(e => e.Seq).ToArray()).OrderBy(g => g[0])];

    [Fact]
    public void Notifications_of_different_entities_are_separate_groups_and_one_entitys_stay_in_order()
    {
        var groups = DeliveryOrder.Groups([Entry(1, "a"), Entry(2, "b"), Entry(3, "a"), Entry(4, "c"), Entry(5, "b")]);

        Assert.Equal([[1, 3], [2, 5], [4]], Seqs(groups));
    }

    [Fact]
    public void A_notification_of_several_entities_joins_their_groups()
    {
        var groups = DeliveryOrder.Groups([Entry(1, "a"), Entry(2, "b"), Entry(3, "c"), Entry(4, "b", "c"), Entry(5, "d"), Entry(6, "a")]);

        Assert.Equal([[1, 6], [2, 3, 4], [5]], Seqs(groups));
    }

    [Fact]
    public void An_unreadable_body_keeps_the_page_in_one_group()
    {
        var odd = new OutboxEntry(2, Entry(2, "x").Message with { Body = "{\"metadata\":{},\"body\":\"not an object\"}" });

        Assert.Equal([[1, 2, 3]], Seqs(DeliveryOrder.Groups([Entry(1, "a"), odd, Entry(3, "b")])));
    }

    [Fact]
    public void The_entities_of_an_mqtt_wrapped_notification_are_read_inside_its_body()
    {
        Assert.Equal(["urn:a"], DeliveryOrder.EntityIds("""{"metadata":{"Content-Type":"application/json"},"body":{"id":"n","data":[{"id":"urn:a","type":"T"}]}}"""));
    }
}
