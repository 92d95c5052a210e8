using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Temporal.TemporalTestData;

namespace Stadtkern.Tests.Temporal;

/// <summary>Long histories are answered in parts (clause 6.3.10): 206 with the range covered, the client going on from its end.</summary>
public sealed class TemporalPaginationTests(TemporalPaginationTests.SmallPages fixture) : IClassFixture<TemporalPaginationTests.SmallPages>
{
    public sealed class SmallPages : BrokerFixture
    {
        protected override void Configure(StadtkernOptions options) => options.TemporalInstanceLimit = 5;
    }

    private readonly NgsiClient _client = fixture.Client;

    [Fact]
    public async Task Walking_the_ranges_from_their_end_gives_every_instance_once_the_answer_is_complete()
    {
        var id = TestData.NewId("Sensor");
        var readings = Enumerable.Range(0, 12).Select(i => ((double)i, $"2024-01-01T{i:00}:00:00Z")).ToArray();
        await CreateOkAsync(_client, Series(id, "Sensor", "level", readings));

        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var query = "?options=temporalValues";
        for (var page = 0; page < 10; page++)
        {
            var reply = await _client.GetAsync(EntityPath(id) + query);
            foreach (var (_, at) in Pairs(reply.Object, "level")) seen.Add(at);
            if (reply.Status == 200) break;
            reply.ShouldHaveStatus(206);
            var range = reply.Header("Content-Range")!;
            Assert.StartsWith("date-time ", range);
            Assert.EndsWith("/*", range);
            var end = range["date-time ".Length..^2][21..];
            query = $"?options=temporalValues&timerel=after&timeAt={end}";
        }

        Assert.Equal(readings.Select(r => r.Item2), seen);
    }

    [Fact]
    public async Task LastN_within_the_limit_is_answered_whole_and_above_it_in_part_with_its_size()
    {
        var id = TestData.NewId("Sensor");
        await CreateOkAsync(_client, Series(id, "Sensor", "level",
            Enumerable.Range(0, 8).Select(i => ((double)i, $"2024-01-01T{i:00}:00:00Z")).ToArray()));

        var small = await _client.GetAsync(EntityPath(id) + "?options=temporalValues&lastN=3");
        var large = await _client.GetAsync(EntityPath(id) + "?options=temporalValues&lastN=7");

        small.ShouldHaveStatus(200);
        Assert.Equal([5.0, 6.0, 7.0], Pairs(small.Object, "level").Select(p => p.Value));
        large.ShouldHaveStatus(206);
        Assert.Equal("date-time 2024-01-01T07:00:00Z-2024-01-01T03:00:00Z/7", large.Header("Content-Range"));
        Assert.Equal([3.0, 4.0, 5.0, 6.0, 7.0], Pairs(large.Object, "level").Select(p => p.Value));
    }
}
