using System.Text;
using Stadtkern.Lake;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Lake;

/// <summary>The raw lake keeps every message verbatim, durable when the append completes, and survives a torn write.</summary>
public sealed class RawLakeTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static LakeRecord Record(DateTimeOffset at, string body, string tenant = "", string source = "mqtt") =>
        new(at, source, "sensors/1", "application/json", tenant, Encoding.UTF8.GetBytes(body));

    private static async Task<List<LakeRecord>> ReadAllAsync(RawLake lake, string source, DateOnly day, string tenant = "")
    {
        var records = new List<LakeRecord>();
        await foreach (var record in lake.ReadAsync(tenant, source, day)) records.Add(record);
        return records;
    }

    [Fact]
    public async Task Records_come_back_verbatim_in_arrival_order_with_their_checksum_and_binary_payloads_too()
    {
        using var directory = new TempDirectory("lake");
        await using var lake = new RawLake(directory.Path);
        byte[] binary = [0xff, 0x00, 0xfe, 0x01];
        await lake.AppendAsync(Record(Monday, """{"a":1}"""), CancellationToken.None);
        await lake.AppendAsync(new LakeRecord(Monday.AddSeconds(1), "mqtt", "sensors/1", null, "", binary), CancellationToken.None);

        var records = await ReadAllAsync(lake, "mqtt", DateOnly.FromDateTime(Monday.UtcDateTime));

        Assert.Equal(2, records.Count);
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(records[0].Payload));
        Assert.Equal(binary, records[1].Payload);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(binary)), records[1].Sha256);
    }

    [Fact]
    public async Task A_line_torn_by_a_crash_is_cut_off_at_restart_and_what_was_acknowledged_stays()
    {
        using var directory = new TempDirectory("lake");
        await using (var lake = new RawLake(directory.Path))
        {
            await lake.AppendAsync(Record(Monday, """{"acknowledged":true}"""), CancellationToken.None);
        }
        var open = Directory.EnumerateFiles(Path.Combine(directory.Path, "lake"), "open-*.ndjson", SearchOption.AllDirectories).Single();
        await File.AppendAllTextAsync(open, """{"receivedAt":"2026-11-30T08:00:01Z","source":"mqtt","chan""");

        await using var reopened = new RawLake(directory.Path);
        var records = await ReadAllAsync(reopened, "mqtt", DateOnly.FromDateTime(Monday.UtcDateTime));

        Assert.Equal("""{"acknowledged":true}""", Encoding.UTF8.GetString(Assert.Single(records).Payload));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(directory.Path, "lake"), "open-*", SearchOption.AllDirectories));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(directory.Path, "lake"), "*.ndjson.gz", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_new_day_seals_the_previous_days_segment_which_stays_readable()
    {
        using var directory = new TempDirectory("lake");
        await using var lake = new RawLake(directory.Path);
        await lake.AppendAsync(Record(Monday, "monday"), CancellationToken.None);
        await lake.AppendAsync(Record(Monday.AddDays(1), "tuesday"), CancellationToken.None);

        var monday = await ReadAllAsync(lake, "mqtt", DateOnly.FromDateTime(Monday.UtcDateTime));
        var partitions = lake.Partitions();

        Assert.Equal("monday", Encoding.UTF8.GetString(Assert.Single(monday).Payload));
        Assert.Equal([new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)], partitions.Select(p => p.Day));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(directory.Path, "lake"), "segment-*.ndjson.gz", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Each_tenant_has_partitions_of_its_own()
    {
        using var directory = new TempDirectory("lake");
        await using var lake = new RawLake(directory.Path);
        await lake.AppendAsync(Record(Monday, "a", tenant: "city/water"), CancellationToken.None);
        await lake.AppendAsync(Record(Monday, "b", tenant: ""), CancellationToken.None);

        var water = await ReadAllAsync(lake, "mqtt", DateOnly.FromDateTime(Monday.UtcDateTime), "city/water");

        Assert.Equal("a", Encoding.UTF8.GetString(Assert.Single(water).Payload));
        Assert.Equal(["", "city/water"], lake.Partitions().Select(p => p.Tenant));
    }
}
