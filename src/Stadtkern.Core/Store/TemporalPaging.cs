namespace Stadtkern.Store;

/// <summary>
/// Pages temporal representations the way every store does: headers in creation order, their series loaded a chunk at a
/// time, the exact filter deciding in that order; past the page only the count is wanted, and without an instance filter
/// the header alone decides it.
/// </summary>
public static class TemporalPaging
{
    private const int MaxChunk = 200;

    /// <param name="headers">The candidates' identities in creation order, each with the store's key for it.</param>
    /// <param name="loadSeries">Reads the series of a chunk of keys (every key present in the answer).</param>
    public static async Task<TemporalPage> PageAsync(IAsyncEnumerable<(long Key, TemporalEntity Header)> headers,
        Func<IReadOnlyList<long>, CancellationToken, Task<Dictionary<long, List<TemporalSeries>>>> loadSeries, TemporalQuery query,
        CancellationToken cancellation)
    {
        var page = new List<TemporalEntity>();
        long matched = 0;
        var chunk = new List<(long Key, TemporalEntity Header)>();
        var done = false;
        async Task DecideAsync()
        {
            if (chunk.Count == 0) return;
            var series = await loadSeries(chunk.Select(c => c.Key).ToList(), cancellation);
            foreach (var (key, header) in chunk)
            {
                if (done) break;
                var entity = header with { Series = series[key] };
                if (query.Filter is { } filter && !filter(entity)) continue;
                matched++;
                if (matched > query.Offset && page.Count < query.Limit) page.Add(entity);
                else if (page.Count >= query.Limit && !query.Count) done = true;
            }
            chunk.Clear();
        }
        await foreach (var (key, header) in headers.WithCancellation(cancellation))
        {
            if (done) break;
            if (query.HeaderFilter is { } headerFilter && !headerFilter(header)) continue;
            if (page.Count >= query.Limit && chunk.Count == 0 && query.Filter is null)
            {
                if (!query.Count) break;
                matched++;
                continue;
            }
            chunk.Add((key, header));
            var wanted = query.Count ? MaxChunk : (int)Math.Clamp(query.Offset + query.Limit - matched, 1, MaxChunk);
            if (chunk.Count >= wanted) await DecideAsync();
        }
        await DecideAsync();
        return new TemporalPage(page, query.Count ? matched : null);
    }

    /// <summary>How many instances a series is read with: the last N, the instance limit, or the smaller of both; null for all.</summary>
    public static int? SeriesLimit(TemporalQuery query) =>
        query.LastN is { } n && query.InstanceLimit is { } max ? Math.Min(n, max) : query.LastN ?? query.InstanceLimit;

    /// <summary>
    /// Brings a series read with <see cref="SeriesLimit"/> (newest first for the last N, else with one instance more than the
    /// limit, to see whether it was cut) into time order at its size; returns it and whether it was cut.
    /// </summary>
    public static (List<TemporalInstance> Instances, bool Truncated) Cut(List<TemporalInstance> read, TemporalQuery query)
    {
        var descending = query.LastN is not null;
        if (descending) read.Reverse();
        var truncated = !descending && SeriesLimit(query) is { } cut && read.Count > cut;
        if (truncated) read.RemoveAt(read.Count - 1);
        return (read, truncated || (query.LastN is { } last && query.InstanceLimit is { } cap && cap < last && read.Count == cap));
    }
}
