using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Warnings;

/// <summary>Bad warnings get a BadRequestData problem that names the member, and change nothing.</summary>
public sealed class WarningValidationTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly WarningClient _anna = new(fixture.Client, "anna");

    public static TheoryData<string, string, string> Faults() => new()
    {
        { "status", "\"Real\"", "status" },
        { "msgType", "\"Ack\"", "msgType" },
        { "scope", "\"Restricted\"", "restriction" },
        { "sender", "\"Stadt Darmstadt\"", "sender" },
        { "info[0].category[0]", "\"Weather\"", "info[0].category[0]" },
        { "info[0].urgency", "\"Soon\"", "info[0].urgency" },
        { "info[1].severity", "null", "info[1].severity" },
        { "info[0].certainty", "\"Sure\"", "info[0].certainty" },
        { "info[0].responseType[1]", "\"Run\"", "info[0].responseType[1]" },
        { "info[0].language", "\"de DE\"", "info[0].language" },
        { "info[0].eventCode[0].value", "\"BBK-EVC-40\"", "info[0].eventCode[0].value" },
        { "info[0].expires", "\"2000-01-01T00:00:00+01:00\"", "info[0].expires" },
        { "info[0].onset", "\"2026-05-01 14:00\"", "info[0].onset" },
        { "info[0].web", "\"darmstadt.de\"", "info[0].web" },
        { "info[0].area[0].areaDesc", "\"\"", "info[0].area[0].areaDesc" },
        // Not closed: the last point is not the first.
        { "info[0].area[0].polygon[0]", "[\"49.880,8.640\",\"49.880,8.670\",\"49.865,8.670\",\"49.865,8.640\"]", "is not closed" },
        // Too few points, although closed.
        { "info[0].area[0].polygon[0]", "[\"49.880,8.640\",\"49.880,8.670\",\"49.880,8.640\"]", "at least 4" },
        // GeoJSON order (longitude first) east of 90° puts the longitude where CAP expects the latitude.
        { "info[0].area[0].polygon[0]", "[\"139.69,35.68\",\"139.70,35.68\",\"139.70,35.69\",\"139.69,35.68\"]", "latitude first" },
        { "info[0].area[0].polygon[0]", "[\"49.880 8.640\",\"49.880,8.670\",\"49.865,8.670\",\"49.880 8.640\"]", "info[0].area[0].polygon[0][0]" },
        { "info[0].area[0].circle[0].radius", "0", "info[0].area[0].circle[0].radius" },
        { "info[0].area[0].circle[0].center", "\"8.6512\"", "info[0].area[0].circle[0].center" },
        { "info[0].area[0].geocode[0].value", "\"06411000000\"", "Amtlicher Regionalschlüssel" },
        { "info[0].area[0].geocode[0].value", "\"0641100000OO\"", "Amtlicher Regionalschlüssel" },
        { "info[0].area[0].geocode[0].value", "\"174110000000\"", "Amtlicher Regionalschlüssel" },
        { "info", "[]", "info" },
        { "references", "[\"no-such-warning\"]", "references" },
        { "colour", "\"red\"", "colour" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Warning_with_a_bad_member_is_refused_and_changes_nothing(string path, string json, string mentioned)
    {
        var before = await CountAsync();
        var warning = WarningClient.Storm();
        Set(warning, path, JsonNode.Parse(json));

        var reply = await _anna.CreateAsync(warning);

        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Contains(mentioned, reply.Object["detail"]!.GetValue<string>());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Warning_update_must_reference_a_published_warning()
    {
        var draft = (await _anna.CreateAsync(WarningClient.Storm())).ShouldHaveStatus(201).Object["id"]!.GetValue<string>();
        var update = WarningClient.Storm();
        update["msgType"] = "Update";
        update["references"] = new JsonArray(draft);

        (await _anna.CreateAsync(update)).ShouldBeProblem(400, "BadRequestData");
        (await _anna.FollowUpAsync(draft, "update")).ShouldBeProblem(404, "ResourceNotFound");
        update.Remove("references");
        (await _anna.CreateAsync(update)).ShouldBeProblem(400, "BadRequestData");
    }

    [Fact]
    public async Task Warning_draft_revised_badly_keeps_its_content()
    {
        var created = (await _anna.CreateAsync(WarningClient.Storm())).ShouldHaveStatus(201).Object;
        var id = created["id"]!.GetValue<string>();
        var bad = WarningClient.Storm();
        bad["info"]![0]!["area"]![0]!["geocode"]![0]!["value"] = "6411";

        (await _anna.ReviseAsync(id, bad)).ShouldBeProblem(400, "BadRequestData");

        var stored = (await _anna.GetAsync($"{WarningClient.Warnings}/{id}")).ShouldHaveStatus(200).Object;
        Assert.Equal("064110000000", stored["alert"]!["info"]![0]!["area"]![0]!["geocode"]![0]!["value"]!.GetValue<string>());
        Assert.Single(stored["history"]!.AsArray());
    }

    private async Task<int> CountAsync() => (await _anna.GetAsync(WarningClient.Warnings)).ShouldHaveStatus(200).Array.Count;

    /// <summary>Sets a member addressed as <c>info[0].area[0].polygon[0]</c>.</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        JsonNode parent = root;
        var steps = path.Split('.');
        for (var s = 0; s < steps.Length; s++)
        {
            var (name, index) = steps[s].Split('[') is [var n, var i] ? (n, int.Parse(i.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture)) : (steps[s], -1);
            var last = s == steps.Length - 1;
            if (index < 0 && last) { parent[name] = value; return; }
            if (index < 0) { parent = parent[name]!; continue; }
            if (last) { parent[name]![index] = value; return; }
            parent = parent[name]![index]!;
        }
    }
}
