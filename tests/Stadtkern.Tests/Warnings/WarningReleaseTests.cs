using System.Text.Json.Nodes;
using System.Xml.Linq;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Warnings;

/// <summary>Four-eyes release on the real host: draft by one person, approval by another, publication as schema-valid CAP 1.2; Update and Cancel reference the original.</summary>
public sealed class WarningReleaseTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static readonly XNamespace Cap = CapSchema.Namespace;
    private readonly WarningClient _anna = new(fixture.Client, "anna");

    [Fact]
    public async Task Warning_is_published_only_after_a_second_person_approves_it()
    {
        var created = await _anna.CreateAsync(WarningClient.Storm());
        created.ShouldHaveStatus(201);
        var id = created.Object["id"]!.GetValue<string>();
        Assert.Equal($"/stadtkern/v1/warnings/{id}", created.Header("Location"));
        Assert.Equal("draft", created.Object["state"]!.GetValue<string>());
        Assert.Null(created.Object["sent"]);

        (await _anna.PublishAsync(id)).ShouldBeProblem(409, "Conflict");
        var selfApproval = (await _anna.ApproveAsync(id)).ShouldBeProblem(409, "Conflict");
        Assert.Contains("Four-eyes", selfApproval.Object["detail"]!.GetValue<string>());
        (await _anna.GetAsync($"cap/alerts/{id}.xml")).ShouldBeProblem(404, "ResourceNotFound");

        (await _anna.As("ben").ApproveAsync(id)).ShouldHaveStatus(200);
        (await _anna.ReviseAsync(id, WarningClient.Storm())).ShouldBeProblem(409, "Conflict");
        var published = (await _anna.PublishAsync(id)).ShouldHaveStatus(200).Object;
        Assert.Equal("published", published["state"]!.GetValue<string>());
        Assert.Equal("ben", published["approvedBy"]!.GetValue<string>());
        Assert.Equal(id, published["identifier"]!.GetValue<string>());

        var xml = await PublishedXmlAsync(id);
        CapSchema.AssertValid(xml);
        var alert = XDocument.Parse(xml).Root!;
        Assert.Equal(id, alert.Element(Cap + "identifier")!.Value);
        Assert.Equal(published["sent"]!.GetValue<string>(), alert.Element(Cap + "sent")!.Value);
        Assert.Equal(["de-DE", "en-US"], alert.Elements(Cap + "info").Select(i => i.Element(Cap + "language")!.Value));
        var area = alert.Element(Cap + "info")!.Element(Cap + "area")!;
        Assert.Equal("49.88,8.64 49.88,8.67 49.865,8.67 49.865,8.64 49.88,8.64", area.Element(Cap + "polygon")!.Value);
        Assert.Equal("49.8728,8.6512 1.5", area.Element(Cap + "circle")!.Value);
        Assert.Equal("064110000000", area.Element(Cap + "geocode")!.Element(Cap + "value")!.Value);
    }

    [Fact]
    public async Task Warning_revised_by_a_second_person_needs_a_third_to_approve_it()
    {
        var id = (await _anna.CreateAsync(WarningClient.Storm())).ShouldHaveStatus(201).Object["id"]!.GetValue<string>();
        (await _anna.As("ben").ReviseAsync(id, WarningClient.Storm())).ShouldHaveStatus(200);

        (await _anna.As("ben").ApproveAsync(id)).ShouldBeProblem(409, "Conflict");
        (await _anna.As("carla").ApproveAsync(id)).ShouldHaveStatus(200);
    }

    [Fact]
    public async Task Warning_history_records_who_did_what_and_when()
    {
        var id = await _anna.ReleaseAsync(WarningClient.Storm(), "ben");

        var history = (await _anna.GetAsync($"{WarningClient.Warnings}/{id}")).ShouldHaveStatus(200).Object["history"]!.AsArray();
        Assert.Equal(["created:anna", "approved:ben", "published:ben"], history.Select(e => $"{e!["action"]}:{e["user"]}"));
        Assert.All(history, e => Assert.NotNull(e!["at"]));
    }

    [Fact]
    public async Task Warning_update_and_cancel_reference_the_earlier_message_and_validate()
    {
        var original = await _anna.ReleaseAsync(WarningClient.Storm(), "ben");
        var originalSent = XDocument.Parse(await PublishedXmlAsync(original)).Root!.Element(Cap + "sent")!.Value;

        var changed = WarningClient.Storm();
        changed["info"]![0]!["severity"] = "Extreme";
        var updateDraft = (await _anna.FollowUpAsync(original, "update", changed)).ShouldHaveStatus(201).Object;
        Assert.Equal("Update", updateDraft["alert"]!["msgType"]!.GetValue<string>());
        var update = await _anna.ApproveAndPublishAsync(updateDraft["id"]!.GetValue<string>(), "ben");

        var updateXml = await PublishedXmlAsync(update);
        CapSchema.AssertValid(updateXml);
        var updateAlert = XDocument.Parse(updateXml).Root!;
        Assert.Equal("Update", updateAlert.Element(Cap + "msgType")!.Value);
        Assert.Equal($"warnung@darmstadt.example,{original},{originalSent}", updateAlert.Element(Cap + "references")!.Value);

        var cancelDraft = (await _anna.FollowUpAsync(update, "cancel")).ShouldHaveStatus(201).Object["id"]!.GetValue<string>();
        var cancel = await _anna.ApproveAndPublishAsync(cancelDraft, "ben");
        var cancelXml = await PublishedXmlAsync(cancel);
        CapSchema.AssertValid(cancelXml);
        Assert.Equal("Cancel", XDocument.Parse(cancelXml).Root!.Element(Cap + "msgType")!.Value);

        var feed = await FeedAsync();
        Assert.DoesNotContain(original, feed);
        Assert.DoesNotContain(update, feed);
        Assert.DoesNotContain(cancel, feed);
        (await _anna.FollowUpAsync(update, "update")).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Warning_feed_lists_current_warnings_with_links_to_their_CAP_messages()
    {
        var id = await _anna.ReleaseAsync(WarningClient.Storm(), "ben");
        var draft = (await _anna.CreateAsync(WarningClient.Storm())).ShouldHaveStatus(201).Object["id"]!.GetValue<string>();

        var reply = (await _anna.GetAsync("cap/alerts.atom")).ShouldHaveStatus(200);
        Assert.Equal("application/atom+xml", reply.MediaType);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(reply.Body).Root!;
        Assert.Equal(atom + "feed", feed.Name);
        Assert.NotNull(feed.Element(atom + "updated"));
        var entry = feed.Elements(atom + "entry").Single(e => e.Element(atom + "id")!.Value.EndsWith($"/cap/alerts/{id}.xml", StringComparison.Ordinal));
        Assert.Equal("Sturmwarnung für die Innenstadt", entry.Element(atom + "title")!.Value);
        var link = entry.Element(atom + "link")!;
        Assert.Equal("application/cap+xml", link.Attribute("type")!.Value);
        Assert.DoesNotContain(draft, reply.Body);

        var linked = await fixture.Broker.Http.GetAsync(link.Attribute("href")!.Value);
        Assert.Equal("application/cap+xml", linked.Content.Headers.ContentType!.MediaType);
        CapSchema.AssertValid(await linked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Warning_feed_answers_304_while_nothing_changed()
    {
        await _anna.ReleaseAsync(WarningClient.Storm(), "ben");
        var first = (await _anna.GetAsync("cap/alerts.atom")).ShouldHaveStatus(200);
        var etag = first.Header("ETag")!;
        Assert.NotNull(first.Header("Last-Modified"));

        var again = await fixture.Client.SendAsync(HttpMethod.Get, "cap/alerts.atom", null, null, headers: [new("If-None-Match", etag)]);
        // Other tests of this class may publish in between; then the feed has changed and 200 is right.
        if (again.Header("ETag") == etag) again.ShouldHaveStatus(304);
        else again.ShouldHaveStatus(200);
    }

    [Fact]
    public async Task Warning_in_the_past_is_not_published()
    {
        var stale = WarningClient.Storm(expires: DateTimeOffset.UtcNow.AddSeconds(2));
        var id = (await _anna.CreateAsync(stale)).ShouldHaveStatus(201).Object["id"]!.GetValue<string>();
        (await _anna.As("ben").ApproveAsync(id)).ShouldHaveStatus(200);
        await Task.Delay(TimeSpan.FromSeconds(3));

        (await _anna.As("ben").PublishAsync(id)).ShouldBeProblem(409, "Conflict");
    }

    [Fact]
    public async Task Warning_without_acting_user_is_refused()
    {
        var reply = await fixture.Client.PostAsync(WarningClient.Warnings, WarningClient.Storm());
        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Contains("X-Stadtkern-User", reply.Object["detail"]!.GetValue<string>());
    }

    private async Task<string> PublishedXmlAsync(string id)
    {
        var reply = (await _anna.GetAsync($"cap/alerts/{id}.xml")).ShouldHaveStatus(200);
        Assert.Equal("application/cap+xml", reply.MediaType);
        return reply.Body;
    }

    private async Task<string> FeedAsync() => (await _anna.GetAsync("cap/alerts.atom")).ShouldHaveStatus(200).Body;
}
