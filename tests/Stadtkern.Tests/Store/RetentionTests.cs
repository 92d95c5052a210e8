using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Lake;
using Stadtkern.Store;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store;

/// <summary>Retention removes what has outlived it — old lake days — and nothing else (history: Contract/TemporalStoreContract).</summary>
public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Lake_days_before_the_retention_of_their_source_are_removed()
    {
        using var directory = new TempDirectory("retention");
        await using var lake = new RawLake(directory.Path);
        foreach (var (days, source) in new[] { (200, "mqtt"), (200, "http"), (1, "mqtt"), (0, "mqtt") })
            await lake.AppendAsync(new LakeRecord(Now.AddDays(-days), source, "t", null, "", Encoding.UTF8.GetBytes($"{source}-{days}")), CancellationToken.None);

        var removed = lake.DeleteBefore("mqtt", DateOnly.FromDateTime(Now.AddDays(-90).UtcDateTime));

        Assert.Equal(1, removed);
        Assert.Equal([("http", 200), ("mqtt", 1), ("mqtt", 0)],
            lake.Partitions().Select(p => (p.Source, (DateOnly.FromDateTime(Now.UtcDateTime).DayNumber - p.Day.DayNumber))).OrderBy(p => p.Item1).ThenByDescending(p => p.Item2));
    }
}
