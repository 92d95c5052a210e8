namespace Stadtkern.Load.Profiles;

/// <summary>Puts the first N entities of a <see cref="CityEntities"/> into the target through batch upsert (idempotent, so a second run on the same seed reuses them).</summary>
public static class CityLoader
{
    private const int Batch = 500;
    private const int InFlight = 2;

    public static async Task LoadAsync(NgsiTarget target, CityEntities city, long count, Action<string> log, CancellationToken cancellation)
    {
        log($"loading {count:N0} entities (batch upsert of {Batch}) …");
        var started = DateTimeOffset.UtcNow;
        var pending = new List<Task>(InFlight);
        for (long first = 0; first < count; first += Batch)
        {
            pending.Add(target.SendOrThrowAsync(HttpMethod.Post, "entityOperations/upsert", city.Batch(first, (int)Math.Min(Batch, count - first)), cancellation, 201, 204));
            if (pending.Count < InFlight) continue;
            await Task.WhenAll(pending);
            pending.Clear();
        }
        await Task.WhenAll(pending);
        var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
        log($"loaded {count:N0} entities in {seconds:0.0} s ({count / Math.Max(seconds, 0.001):N0}/s)");
    }
}
