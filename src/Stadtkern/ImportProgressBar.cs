using System.Globalization;
using Stadtkern.Ingest.Import;

namespace Stadtkern.Host;

/// <summary>
/// Shows how far an import has come on standard error: a bar redrawn in place on a terminal, a plain line every few seconds
/// otherwise. Bytes come from the file's position, so that it also moves while a server reads the file; small files show nothing.
/// </summary>
internal sealed class ImportProgressBar : IProgress<ImportProgress>, IDisposable
{
    private const long ShownFrom = 8 * 1024 * 1024;
    private readonly TextWriter _error;
    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private readonly bool _terminal;
    private readonly long _started;
    private readonly ITimer? _timer;
    private long _applied;
    private long _lastPlain;

    public ImportProgressBar(TextWriter error, FileStream file, TimeProvider time)
    {
        (_error, _file, _time) = (error, file, time);
        _terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        _started = time.GetTimestamp();
        if (file.Length >= ShownFrom) _timer = time.CreateTimer(_ => Draw(final: false), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    public void Report(ImportProgress value) => Interlocked.Exchange(ref _applied, value.Applied);

    public void Done()
    {
        _timer?.Dispose();
        if (_timer is not null) Draw(final: true);
    }

    private void Draw(bool final)
    {
        var elapsed = _time.GetElapsedTime(_started);
        var total = Math.Max(1, _file.Length);
        var read = final ? total : Math.Min(total, _file.Position);
        var applied = Interlocked.Read(ref _applied);
        var rate = elapsed.TotalSeconds > 0 ? applied / elapsed.TotalSeconds : 0;
        var share = (double)read / total;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{share,6:P0} {read / 1048576.0:N1} / {total / 1048576.0:N1} MiB{(applied > 0 ? $", {applied:N0} entities, {rate:N0}/s" : "")}");
        lock (_error)
        {
            if (_terminal)
            {
                var filled = (int)(share * 30);
                _error.Write($"\r[{new string('#', filled)}{new string(' ', 30 - filled)}] {text}   ");
                if (final) _error.WriteLine();
            }
            else if (final || elapsed.Ticks - _lastPlain >= TimeSpan.FromSeconds(5).Ticks)
            {
                _lastPlain = elapsed.Ticks;
                _error.WriteLine($"import: {text}");
            }
        }
    }

    public void Dispose() => _timer?.Dispose();
}
