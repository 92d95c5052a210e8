using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Catalog.DatasetDocuments;

namespace Stadtkern.Tests.Catalog;

/// <summary>
/// The quality gate holds a release that looks broken or manipulated for review, with the reason: it is not logged and
/// not published until a reviewer approves it; a rejected one never is.
/// </summary>
public sealed class QualityGateTests
{
    private static JsonObject Plausible => TestData.Parse("""{"ranges": {"no2": {"min": 0, "max": 400}}, "maxShift": 0.5}""");

    [Fact]
    public async Task A_value_outside_its_range_holds_the_release_until_a_reviewer_approves_it()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var id = NewId("air");
        await DefineAsync(client, Upload(id, quality: Plausible));
        await UploadAsync(client, id, "station,no2\nA,40\nB,9999\nC,-3\n");

        var held = await PublishOkAsync(client, id);

        Assert.Equal("held", held["status"]!.GetValue<string>());
        Assert.Contains("2 value(s) of 'no2' are outside 0…400", held["heldReason"]!.GetValue<string>());
        Assert.Null(held["ledgerIndex"]);
        Assert.Null((await client.GetAsync($"{Datasets}/{id}")).ShouldHaveStatus(200).Object["latestRelease"]);

        var review = new JsonObject { ["decision"] = "approve" };
        (await client.PostAsync($"{Datasets}/{id}/releases/1/review", review)).ShouldBeProblem(400, "BadRequestData");
        var approved = (await client.SendAsync(HttpMethod.Post, $"{Datasets}/{id}/releases/1/review", review.ToJsonString(), NgsiClient.Json,
            headers: [new("X-Stadtkern-User", "reviewer")])).ShouldHaveStatus(200).Object;

        Assert.Equal("published", approved["status"]!.GetValue<string>());
        Assert.NotNull(approved["ledgerIndex"]);
        Assert.Equal(1, (await client.GetAsync($"{Datasets}/{id}")).ShouldHaveStatus(200).Object["latestRelease"]!.GetValue<int>());
        (await client.SendAsync(HttpMethod.Post, $"{Datasets}/{id}/releases/1/review", review.ToJsonString(), NgsiClient.Json,
            headers: [new("X-Stadtkern-User", "reviewer")])).ShouldBeProblem(409, "Conflict");
    }

    [Fact]
    public async Task A_sudden_shift_of_a_mean_against_the_previous_release_is_held_and_a_rejected_release_is_never_published()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var id = NewId("shift");
        await DefineAsync(client, Upload(id, quality: Plausible));
        await UploadAsync(client, id, "station,no2\nA,40\nB,42\nC,38\n");
        Assert.Equal("published", (await PublishOkAsync(client, id))["status"]!.GetValue<string>());
        await UploadAsync(client, id, "station,no2\nA,41\nB,43\nC,39\n");
        Assert.Equal("published", (await PublishOkAsync(client, id))["status"]!.GetValue<string>());
        await UploadAsync(client, id, "station,no2\nA,140\nB,143\nC,139\n");

        var held = await PublishOkAsync(client, id);

        Assert.Equal("held", held["status"]!.GetValue<string>());
        Assert.Contains("The mean of 'no2' moved from 41 to 140.667", held["heldReason"]!.GetValue<string>());
        var rejected = (await client.SendAsync(HttpMethod.Post, $"{Datasets}/{id}/releases/3/review", """{"decision":"reject"}""", NgsiClient.Json,
            headers: [new("X-Stadtkern-User", "reviewer")])).ShouldHaveStatus(200).Object;
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());
        Assert.Equal(2, (await client.GetAsync($"{Datasets}/{id}")).ShouldHaveStatus(200).Object["latestRelease"]!.GetValue<int>());
        // The next run compares with the last published release, not with the rejected one.
        await UploadAsync(client, id, "station,no2\nA,42\nB,44\nC,40\n");
        var next = await PublishOkAsync(client, id);
        Assert.Equal((4, "published", 2), (next["release"]!.GetValue<int>(), next["status"]!.GetValue<string>(), next["manifest"]!["previous"]!["release"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Too_few_rows_and_stale_readings_are_findings_too()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = broker.Client;
        var id = NewId("stale");
        await DefineAsync(client, Upload(id, quality: TestData.Parse("""{"minRows": 3, "maxAge": "PT1H", "completeness": 1}""")));
        await UploadAsync(client, id, "station,observedAt,no2\nA,2020-01-01T00:00:00Z,40\nB,2020-01-01T00:00:00Z,\n");

        var held = await PublishOkAsync(client, id);

        var reason = held["heldReason"]!.GetValue<string>();
        Assert.Contains("The extract has 2 rows; at least 3 are expected.", reason);
        Assert.Contains("The newest reading is from 2020-01-01T00:00:00Z", reason);
        Assert.Contains("Only 50.0 % of the rows are complete", reason);
    }
}
