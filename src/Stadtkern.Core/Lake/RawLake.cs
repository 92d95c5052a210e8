using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Threading.Channels;

namespace Stadtkern.Lake;

/// <summary>
/// The raw data lake: every incoming message, verbatim, in append-only segments under <c>lake/{tenant}/{source}/{day}/</c>.
/// The open segment of a partition is plain NDJSON; a segment is sealed (gzip) when its day is over or it is full. Appends
/// are group-committed: one writer, one fsync for all records that queued meanwhile, and a record's task completes only
/// once it is on disk — so whatever was acknowledged is in the lake.
/// </summary>
public sealed partial class RawLake : IAsyncDisposable
{
    private const string OpenPrefix = "open-";
    private const string SealedSuffix = ".ndjson.gz";
    private readonly string _root;
    private readonly long _segmentBytes;
    private readonly Channel<(LakeRecord Record, TaskCompletionSource Done)> _queue;
    private readonly Dictionary<string, FileStream> _open = new(StringComparer.Ordinal);
    private readonly Task _writer;

    /// <summary>Opens the lake of a data directory. Only the one process that owns the directory writes (and recovers); readers such as the CLI open it read-only.</summary>
    public RawLake(string dataDirectory, long segmentBytes = 64 * 1024 * 1024, int capacity = 10_000, bool readOnly = false)
    {
        _root = Path.Combine(dataDirectory, "lake");
        _segmentBytes = segmentBytes;
        _queue = Channel.CreateBounded<(LakeRecord, TaskCompletionSource)>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        if (readOnly)
        {
            _queue.Writer.Complete();
            _writer = Task.CompletedTask;
            return;
        }
        Directory.CreateDirectory(_root);
        RecoverOpenSegments();
        _writer = Task.Factory.StartNew(WriteLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public string Root => _root;

    /// <summary>Keeps a record; completes once it is durable. Waits (back-pressure) when the queue is full.</summary>
    public async Task AppendAsync(LakeRecord record, CancellationToken cancellation)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((record, done), cancellation);
        await done.Task.WaitAsync(cancellation);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(LakeRecord Record, TaskCompletionSource Done)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 4096 && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                var touched = new HashSet<FileStream>();
                foreach (var (record, _) in batch)
                {
                    var stream = OpenSegment(record);
                    var bytes = Encoding.UTF8.GetBytes(record.ToLine() + "\n");
                    stream.Write(bytes);
                    touched.Add(stream);
                }
                foreach (var stream in touched) stream.Flush(flushToDisk: true);
                foreach (var (_, done) in batch) done.TrySetResult();
                SealFullSegments();
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch) done.TrySetException(e);
            }
        }
    }

    private FileStream OpenSegment(LakeRecord record)
    {
        var directory = PartitionDirectory(record.Tenant, record.Source, DateOnly.FromDateTime(record.ReceivedAt.UtcDateTime));
        if (_open.TryGetValue(directory, out var stream)) return stream;
        Directory.CreateDirectory(directory);
        // A partition directory that was not open in this process gets a new segment number: sealed ones are never reopened.
        var number = Directory.EnumerateFiles(directory).Select(SegmentNumber).DefaultIfEmpty(0).Max() + 1;
        stream = new FileStream(Path.Combine(directory, $"{OpenPrefix}{number:D6}.ndjson"), FileMode.Append, FileAccess.Write, FileShare.Read);
        _open[directory] = stream;
        // Partitions of earlier days are done: seal them.
        var today = Path.GetFileName(directory);
        foreach (var (other, open) in _open.Where(o => string.CompareOrdinal(Path.GetFileName(o.Key), today) < 0).ToList())
        {
            open.Dispose();
            _open.Remove(other);
            Seal(open.Name);
        }
        return stream;
    }

    private void SealFullSegments()
    {
        foreach (var (directory, stream) in _open.Where(o => o.Value.Length >= _segmentBytes).ToList())
        {
            stream.Dispose();
            _open.Remove(directory);
            Seal(stream.Name);
        }
    }

    /// <summary>Compresses an open segment into its sealed form; the open file goes only once the sealed one is on disk.</summary>
    private static void Seal(string openPath)
    {
        var sealedPath = Path.Combine(Path.GetDirectoryName(openPath)!,
            "segment-" + Path.GetFileNameWithoutExtension(openPath)[OpenPrefix.Length..] + SealedSuffix);
        var temporary = sealedPath + ".tmp";
        using (var input = File.OpenRead(openPath))
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) input.CopyTo(gzip);
            output.Flush(flushToDisk: true);
        }
        File.Move(temporary, sealedPath, overwrite: true);
        File.Delete(openPath);
    }

    /// <summary>At start: a torn last line (the process died mid-write, before any fsync acknowledged it) is cut off, and open segments are sealed.</summary>
    private void RecoverOpenSegments()
    {
        foreach (var temporary in Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories)) File.Delete(temporary);
        foreach (var open in Directory.EnumerateFiles(_root, OpenPrefix + "*.ndjson", SearchOption.AllDirectories).ToList())
        {
            TruncateTornLine(open);
            Seal(open);
        }
    }

    private static void TruncateTornLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var length = stream.Length;
        var end = length;
        while (end > 0)
        {
            stream.Position = end - 1;
            if (stream.ReadByte() == '\n') break;
            end--;
        }
        if (end != length)
        {
            stream.SetLength(end);
            stream.Flush(flushToDisk: true);
        }
    }

    private static int SegmentNumber(string path)
    {
        var name = Path.GetFileName(path);
        var digits = new string(name.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private string PartitionDirectory(string tenant, string source, DateOnly day) =>
        Path.Combine(_root, TenantDirectory(tenant), Uri.EscapeDataString(source), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The default tenant is <c>default</c>; any other name is escaped so it is one safe directory name.</summary>
    private static string TenantDirectory(string tenant) => tenant.Length == 0 ? "default" : "t-" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(tenant));

    private static string? TenantOf(string directory)
    {
        if (directory == "default") return "";
        if (!directory.StartsWith("t-", StringComparison.Ordinal)) return null;
        try { return Encoding.UTF8.GetString(Convert.FromHexString(directory[2..])); }
        catch (FormatException) { return null; }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        foreach (var stream in _open.Values) await stream.DisposeAsync();
        _open.Clear();
    }
}
