using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest;

/// <summary>POST /stadtkern/v1/ingest/ndjson: a stream of entities, longer than any request body limit, applied in batches; refused lines are reported and kept.</summary>
public sealed class NdjsonIngestionTests(NdjsonIngestionTests.SmallBodies fixture) : IClassFixture<NdjsonIngestionTests.SmallBodies>
{
    /// <summary>A small body limit, so that a stream far longer than it proves the stream is not held whole.</summary>
    public sealed class SmallBodies : BrokerFixture
    {
        protected override void Configure(StadtkernOptions options) => options.MaxRequestBodyBytes = 64 * 1024;
    }

    private const string Path = "stadtkern/v1/ingest/ndjson";
    private readonly NgsiClient _client = fixture.Client;

    private static string Line(string id, int value) =>
        "{\"id\":\"" + id + "\",\"type\":\"Meter\",\"load\":{\"type\":\"Property\",\"value\":" + value.ToString(CultureInfo.InvariantCulture)
        + ",\"observedAt\":\"2026-01-01T00:" + (value / 60 % 60).ToString("00", CultureInfo.InvariantCulture) + ":" + (value % 60).ToString("00", CultureInfo.InvariantCulture) + "Z\"}}";

    [Fact]
    public async Task A_stream_longer_than_the_body_limit_is_applied_line_by_line_with_history()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var text = new StringBuilder();
        for (var i = 0; i < 1200; i++) text.Append(Line($"urn:ngsi-ld:Meter:{i % 300}", i)).Append('\n');
        Assert.True(text.Length > 64 * 1024);

        var reply = await tenant.SendAsync(HttpMethod.Post, Path, text.ToString(), "application/x-ndjson");

        var summary = reply.ShouldHaveStatus(200).Object;
        Assert.Equal(1200, summary["lines"]!.GetValue<long>());
        Assert.Equal(1200, summary["applied"]!.GetValue<long>());
        Assert.Equal(0, summary["rejected"]!.GetValue<long>());
        Assert.Equal(1199, TestData.ValueOf(await tenant.RetrieveOkAsync("urn:ngsi-ld:Meter:299"), "load")!.GetValue<double>());
        var history = (await tenant.GetAsync("ngsi-ld/v1/temporal/entities/urn:ngsi-ld:Meter:299?options=temporalValues&timeproperty=modifiedAt")).Object;
        Assert.Equal(4, history["load"]!["values"]!.AsArray().Count);
    }

    [Fact]
    public async Task Refused_lines_are_named_with_their_reason_and_the_others_applied()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var lines = new[]
        {
            Line("urn:ngsi-ld:Meter:a", 1),
            "{not json",
            """{"id":"urn:ngsi-ld:Meter:b","load":{"type":"Property","value":2}}""",
            "",
            Line("urn:ngsi-ld:Meter:c", 3),
            "[1,2]",
        };

        var reply = await tenant.SendAsync(HttpMethod.Post, Path, string.Join('\n', lines), "application/x-ndjson");

        var summary = reply.ShouldHaveStatus(200).Object;
        Assert.Equal(5, summary["lines"]!.GetValue<long>());
        Assert.Equal(2, summary["applied"]!.GetValue<long>());
        var rejections = summary["rejections"]!.AsArray().Select(r => (r!["line"]!.GetValue<long>(), r["error"]!["type"]!.GetValue<string>())).ToList();
        Assert.Equal([(2L, ReplyAssertions.ErrorPrefix + "InvalidRequest"), (3L, ReplyAssertions.ErrorPrefix + "BadRequestData"), (5L, ReplyAssertions.ErrorPrefix + "BadRequestData")],
            rejections.OrderBy(r => r.Item1));
        (await tenant.RetrieveAsync("urn:ngsi-ld:Meter:c")).ShouldHaveStatus(200);
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var letters = (await tenant.GetAsync($"stadtkern/v1/lake/partitions/dead-letter/{day}?limit=1000")).ShouldHaveStatus(200).Array;
        Assert.Equal(3, letters.Count);
        Assert.Contains(letters, l => JsonNode.Parse(l!["body"]!.GetValue<string>())!["reason"]!.GetValue<string>().StartsWith("line 2:", StringComparison.Ordinal));
        var metrics = (await _client.GetAsync("metrics")).ShouldHaveStatus(200).Body;
        var deadLetters = metrics.Split('\n').Single(l => l.StartsWith("stadtkern_ingest_dead_letters_total ", StringComparison.Ordinal));
        Assert.True(long.Parse(deadLetters.Split(' ')[1], CultureInfo.InvariantCulture) >= 3, deadLetters);
    }

    [Fact]
    public async Task Anything_but_ndjson_is_UnsupportedMediaType()
    {
        (await _client.SendAsync(HttpMethod.Post, Path, Line("urn:ngsi-ld:Meter:x", 1), "application/json")).ShouldBeProblem(415, "InvalidRequest");
    }
}
