using System.Globalization;
using Stadtkern.Store;

namespace Stadtkern.Host.Migration;

/// <summary>One kind's count and checksum in the source and in the target.</summary>
internal sealed record KindComparison(string Kind, long SourceCount, long TargetCount, bool Same);

/// <summary>
/// Moves everything from one store to another through the storage interfaces (both open and migrated), then reads both
/// again and compares each kind's count and checksum. A target that holds anything is refused unless forced.
/// </summary>
internal sealed class StoreMigration(IEntityStore source, IEntityStore target, TextWriter progress)
{
    /// <summary>Copies and verifies; null when the target was not empty and not forced (nothing was written).</summary>
    public async Task<IReadOnlyList<KindComparison>?> RunAsync(bool force, CancellationToken cancellation)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in StoreKind.All)
        {
            if (!force && (await kind.FingerprintAsync(target, cancellation)).Count > 0) return null;
            totals[kind.Name] = (await kind.FingerprintAsync(source, cancellation)).Count;
        }
        foreach (var kind in StoreKind.All)
        {
            using var bar = new MigrationProgressBar(progress, kind.Name, totals[kind.Name]);
            await kind.CopyAsync(source, target, bar.Report, cancellation);
        }
        return await CompareAsync(source, target, cancellation);
    }

    /// <summary>Each kind's count and checksum in both stores.</summary>
    public static async Task<IReadOnlyList<KindComparison>> CompareAsync(IEntityStore source, IEntityStore target, CancellationToken cancellation)
    {
        var result = new List<KindComparison>();
        foreach (var kind in StoreKind.All)
        {
            var (from, to) = (await kind.FingerprintAsync(source, cancellation), await kind.FingerprintAsync(target, cancellation));
            result.Add(new KindComparison(kind.Name, from.Count, to.Count, from == to));
        }
        return result;
    }
}

/// <summary>Progress of one kind on standard error: a bar redrawn in place on a terminal, else a line at its end.</summary>
internal sealed class MigrationProgressBar(TextWriter error, string kind, long total) : IDisposable
{
    private readonly bool _terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
    private long _done;
    private long _drawn = -1;

    public void Report(long done)
    {
        _done = done;
        // At most a hundred redraws per kind, however many items.
        if (_terminal && (total == 0 || (done - _drawn) * 100 >= total)) Draw(final: false);
    }

    private void Draw(bool final)
    {
        _drawn = _done;
        var share = total == 0 ? 1 : Math.Min(1, (double)_done / total);
        var filled = (int)(share * 30);
        var text = string.Create(CultureInfo.InvariantCulture, $"{kind,-15} [{new string('#', filled)}{new string(' ', 30 - filled)}] {_done:N0} / {total:N0}");
        if (_terminal) error.Write("\r" + text + (final ? "\n" : ""));
        else if (final) error.WriteLine(text);
    }

    public void Dispose() => Draw(final: true);
}
