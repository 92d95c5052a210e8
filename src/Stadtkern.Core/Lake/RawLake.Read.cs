using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Stadtkern.Lake;

public sealed partial class RawLake
{
    /// <summary>Every partition, by tenant, source and day.</summary>
    public IReadOnlyList<LakePartition> Partitions()
    {
        var result = new List<LakePartition>();
        if (!Directory.Exists(_root)) return result;
        foreach (var tenantDirectory in Directory.EnumerateDirectories(_root))
        {
            if (TenantOf(Path.GetFileName(tenantDirectory)) is not { } tenant) continue;
            foreach (var sourceDirectory in Directory.EnumerateDirectories(tenantDirectory))
            {
                var source = Uri.UnescapeDataString(Path.GetFileName(sourceDirectory));
                foreach (var dayDirectory in Directory.EnumerateDirectories(sourceDirectory))
                {
                    if (!LakePartition.TryParseDay(Path.GetFileName(dayDirectory), out var day)) continue;
                    var segments = SegmentFiles(dayDirectory);
                    result.Add(new LakePartition(tenant, source, day, segments.Count, segments.Sum(f => new FileInfo(f).Length)));
                }
            }
        }
        return result.OrderBy(p => p.Tenant, StringComparer.Ordinal).ThenBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Day).ToList();
    }

    /// <summary>The records of one partition in the order they arrived (sealed segments first, then the open one).</summary>
    public async IAsyncEnumerable<LakeRecord> ReadAsync(string tenant, string source, DateOnly day, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await foreach (var line in ReadLinesAsync(tenant, source, day, cancellation)) yield return LakeRecord.FromLine(line);
    }

    /// <summary>The raw lines of a partition, as stored (NDJSON), for export.</summary>
    public async IAsyncEnumerable<string> ReadLinesAsync(string tenant, string source, DateOnly day, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var directory = PartitionDirectory(tenant, source, day);
        if (!Directory.Exists(directory)) yield break;
        foreach (var file in SegmentFiles(directory))
        {
            Stream stream;
            try
            {
                stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                // Sealed meanwhile: its sealed twin is later in the list or was listed already.
                continue;
            }
            await using (stream)
            {
                // The open segment may end in a line still being written: only what precedes the last newline counts.
                Stream input = file.EndsWith(SealedSuffix, StringComparison.Ordinal)
                    ? new GZipStream(stream, CompressionMode.Decompress) as Stream
                    : new MemoryStream(await WholeLinesAsync(stream, cancellation));
                using var reader = new StreamReader(input);
                while (await reader.ReadLineAsync(cancellation) is { } line)
                    if (line.Length > 0) yield return line;
            }
        }
    }

    private static async Task<byte[]> WholeLinesAsync(Stream stream, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellation);
        var bytes = buffer.ToArray();
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        return end == bytes.Length ? bytes : bytes[..end];
    }

    /// <summary>Segments in order: by number, a sealed one before an open one of the same number (which cannot coexist for long).</summary>
    private static List<string> SegmentFiles(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(SealedSuffix, StringComparison.Ordinal) || Path.GetFileName(f).StartsWith(OpenPrefix, StringComparison.Ordinal) && f.EndsWith(".ndjson", StringComparison.Ordinal))
            .OrderBy(SegmentNumber).ThenBy(f => f.EndsWith(SealedSuffix, StringComparison.Ordinal) ? 0 : 1)
            .ToList();
}
