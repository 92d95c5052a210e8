using System.IO.Pipelines;
using System.Text;
using Stadtkern.Errors;
using Stadtkern.Ingest.Import;
using Stadtkern.Lake;

namespace Stadtkern.Host;

/// <summary>
/// Re-runs the imports kept in the lake: the mapping record starts an import that reads from a pipe, each chunk record is
/// written into the pipe as it comes in arrival order, and the end record closes it — so a file is read again as it was
/// read the first time, in bounded memory, however large it is.
/// </summary>
internal sealed class ImportReplay(FileImport import)
{
    private readonly Dictionary<string, (Pipe Pipe, Task<ImportResult?> Run)> _running = new(StringComparer.Ordinal);

    /// <summary>Feeds one record of source <c>import</c>; an end record answers whether its import applied every row.</summary>
    public async Task<bool?> FeedAsync(LakeRecord record, CancellationToken cancellation)
    {
        var parts = record.Channel.Split('#', 2);
        if (parts.Length < 2) return null;
        var (channel, part) = (parts[0], parts[1]);
        if (part == "mapping")
        {
            var mapping = ImportMapping.Parse(Encoding.UTF8.GetString(record.Payload));
            var pipe = new Pipe();
            _running[channel] = (pipe, Task.Run(() => RunAsync(record.Tenant, pipe, mapping, cancellation), cancellation));
            return true;
        }
        if (!_running.TryGetValue(channel, out var running)) return null;
        if (part.StartsWith("bytes ", StringComparison.Ordinal))
        {
            await running.Pipe.Writer.WriteAsync(record.Payload, cancellation);
            return true;
        }
        return part == "end" ? await EndAsync(channel) : null;
    }

    /// <summary>Ends the imports whose end record the lake does not hold (the process stopped during them).</summary>
    public async Task FinishAsync()
    {
        foreach (var channel in _running.Keys.ToList()) await EndAsync(channel);
    }

    private async Task<bool> EndAsync(string channel)
    {
        var (pipe, run) = _running[channel];
        _running.Remove(channel);
        await pipe.Writer.CompleteAsync();
        var result = await run;
        return result is { Rejected: 0, Stopped: null };
    }

    private async Task<ImportResult?> RunAsync(string tenant, Pipe pipe, ImportMapping mapping, CancellationToken cancellation)
    {
        try
        {
            return await import.RunAsync(tenant, pipe.Reader.AsStream(), mapping, null, cancellation);
        }
        catch (NgsiLdException)
        {
            // Refused again, as the first time.
            return null;
        }
        finally
        {
            // Whatever the import left unread is discarded, so that the chunks still coming do not wait for a reader.
            await pipe.Reader.CompleteAsync();
        }
    }
}
