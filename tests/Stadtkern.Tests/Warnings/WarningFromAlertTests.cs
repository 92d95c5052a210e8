using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Warnings;

/// <summary>A draft warning pre-filled from an NGSI-LD Alert entity (Smart Data Models), completed and released by people.</summary>
public sealed class WarningFromAlertTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly WarningClient _anna = new(fixture.Client, "anna");

    [Fact]
    public async Task Warning_from_alert_carries_category_severity_texts_validity_and_area_over()
    {
        var id = $"urn:ngsi-ld:Alert:{Guid.NewGuid():N}";
        await fixture.Client.CreateOkAsync(Alarm(id, "high", new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(new JsonArray(Position(8.640, 49.880), Position(8.670, 49.880), Position(8.670, 49.865), Position(8.640, 49.880))),
        }));

        var reply = (await _anna.FromAlertAsync(id)).ShouldHaveStatus(201).Object;

        Assert.Equal("draft", reply["state"]!.GetValue<string>());
        var alert = reply["alert"]!;
        Assert.Equal("Alert", alert["msgType"]!.GetValue<string>());
        Assert.Contains(id, alert["note"]!.GetValue<string>());
        var info = alert["info"]![0]!;
        Assert.Equal("Met", info["category"]![0]!.GetValue<string>());
        Assert.Equal("flood", info["event"]!.GetValue<string>());
        Assert.Equal("Severe", info["severity"]!.GetValue<string>());
        Assert.Equal("Unknown", info["urgency"]!.GetValue<string>());
        Assert.Equal("Hochwasser am Darmbach", info["description"]!.GetValue<string>());
        Assert.Equal("2026-06-01T10:00:00+00:00", info["effective"]!.GetValue<string>());
        Assert.Equal("2030-06-01T10:00:00+00:00", info["expires"]!.GetValue<string>());
        // GeoJSON is [longitude, latitude]; CAP is "latitude,longitude".
        Assert.Equal(["49.88,8.64", "49.88,8.67", "49.865,8.67", "49.88,8.64"],
            info["area"]![0]!["polygon"]![0]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task Warning_from_alert_with_a_point_gets_a_circle_and_is_released_as_valid_CAP()
    {
        var id = $"urn:ngsi-ld:Alert:{Guid.NewGuid():N}";
        await fixture.Client.CreateOkAsync(Alarm(id, "critical", new JsonObject { ["type"] = "Point", ["coordinates"] = Position(8.6512, 49.8728) }));
        var draft = (await _anna.FromAlertAsync(id)).ShouldHaveStatus(201).Object;
        var warningId = draft["id"]!.GetValue<string>();
        var info = draft["alert"]!["info"]![0]!;
        Assert.Equal("Extreme", info["severity"]!.GetValue<string>());
        Assert.Equal("49.8728,8.6512", info["area"]![0]!["circle"]![0]!["center"]!.GetValue<string>());

        // A person completes the draft (urgency, certainty, an English block, the ARS) before a second person releases it.
        var completed = draft["alert"]!.DeepClone().AsObject();
        completed["info"]![0]!["urgency"] = "Immediate";
        completed["info"]![0]!["certainty"] = "Observed";
        completed["info"]![0]!["area"]![0]!["geocode"] = new JsonArray(new JsonObject { ["valueName"] = "ARS", ["value"] = "064110000000" });
        var english = completed["info"]![0]!.DeepClone();
        english["language"] = "en-US";
        completed["info"]!.AsArray().Add(english);
        (await _anna.ReviseAsync(warningId, completed)).ShouldHaveStatus(200);
        await _anna.ApproveAndPublishAsync(warningId, "ben");

        CapSchema.AssertValid((await _anna.GetAsync($"cap/alerts/{warningId}.xml")).ShouldHaveStatus(200).Body);
    }

    [Fact]
    public async Task Warning_from_an_entity_that_is_no_alert_is_refused()
    {
        var id = TestData.NewId();
        await fixture.Client.CreateOkAsync(TestData.Entity(id, "WeatherObserved"));

        (await _anna.FromAlertAsync(id)).ShouldBeProblem(400, "BadRequestData");
        (await _anna.FromAlertAsync("urn:ngsi-ld:Alert:missing")).ShouldBeProblem(404, "ResourceNotFound");
    }

    private static JsonObject Alarm(string id, string severity, JsonObject location) => new()
    {
        ["id"] = id,
        ["type"] = "Alert",
        ["category"] = Property("weather"),
        ["subCategory"] = Property("flood"),
        ["severity"] = Property(severity),
        ["description"] = Property("Hochwasser am Darmbach"),
        ["validFrom"] = Property("2026-06-01T10:00:00Z"),
        ["validTo"] = Property("2030-06-01T10:00:00Z"),
        ["alertSource"] = Property("urn:ngsi-ld:Device:pegel-1"),
        ["location"] = new JsonObject { ["type"] = "GeoProperty", ["value"] = location },
    };

    private static JsonObject Property(string value) => new() { ["type"] = "Property", ["value"] = value };

    private static JsonArray Position(double lon, double lat) => new(lon, lat);
}
