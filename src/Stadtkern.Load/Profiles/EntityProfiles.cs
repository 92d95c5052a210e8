namespace Stadtkern.Load.Profiles;

/// <summary><c>create</c>: <c>POST /entities</c> of new city entities (ids of this run, so runs do not collide).</summary>
internal sealed class CreateProfile(ProfileSettings settings) : LoadProfile
{
    private readonly CityEntities fresh = new(settings.Seed, $"bench-new-{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds():x}");

    public override string Name => "create";

    public override int WritesPerRequest => 1;

    public override Task<RequestOutcome> SendAsync(long k, CancellationToken cancellation) =>
        settings.Target.SendAsync("create", HttpMethod.Post, "entities", fresh.Entity(k), cancellation);
}

/// <summary><c>get</c>: <c>GET /entities/{id}</c> of a loaded entity, chosen from the seed.</summary>
internal sealed class GetProfile(ProfileSettings settings) : LoadProfile
{
    public override string Name => "get";

    public override Task PrepareAsync(Action<string> log, CancellationToken cancellation) =>
        CityLoader.LoadAsync(settings.Target, settings.City, settings.Entities, log, cancellation);

    public override Task<RequestOutcome> SendAsync(long k, CancellationToken cancellation) =>
        settings.Target.SendAsync("get", HttpMethod.Get, "entities/" + Uri.EscapeDataString(settings.City.Id(Deterministic.Below(settings.Entities, settings.Seed, k, 11))), null, cancellation);
}

/// <summary><c>update</c>: a sensor reading as <c>PATCH /entities/{id}/attrs</c> (partial update) of a loaded entity.</summary>
internal sealed class UpdateProfile(ProfileSettings settings) : LoadProfile
{
    public override string Name => "update";

    public override int WritesPerRequest => 1;

    public override Task PrepareAsync(Action<string> log, CancellationToken cancellation) =>
        CityLoader.LoadAsync(settings.Target, settings.City, settings.Entities, log, cancellation);

    public override Task<RequestOutcome> SendAsync(long k, CancellationToken cancellation) => Update(settings, "update", k, cancellation);

    /// <summary>Reading k of a loaded entity chosen from the seed.</summary>
    public static Task<RequestOutcome> Update(ProfileSettings settings, string operation, long k, CancellationToken cancellation)
    {
        var e = Deterministic.Below(settings.Entities, settings.Seed, k, 12);
        return settings.Target.SendAsync(operation, HttpMethod.Patch, $"entities/{Uri.EscapeDataString(settings.City.Id(e))}/attrs",
            "{" + settings.City.Measurement(e, k) + "}", cancellation);
    }
}

/// <summary><c>batch-upsert</c>: <c>POST /entityOperations/upsert?options=update</c> of a block of loaded entities with a new reading each.</summary>
internal sealed class BatchUpsertProfile(ProfileSettings settings) : LoadProfile
{
    public override string Name => "batch-upsert";

    public override int WritesPerRequest => (int)Math.Min(settings.Batch, settings.Entities);

    public override Task PrepareAsync(Action<string> log, CancellationToken cancellation) =>
        CityLoader.LoadAsync(settings.Target, settings.City, settings.Entities, log, cancellation);

    public override Task<RequestOutcome> SendAsync(long k, CancellationToken cancellation)
    {
        var first = k * WritesPerRequest % settings.Entities;
        var city = settings.City;
        var body = "[" + string.Join(",", Enumerable.Range(0, WritesPerRequest).Select(i => (first + i) % settings.Entities)
            .Select(e => $$"""{"id":"{{city.Id(e)}}","type":"{{CityEntities.TypeOf(e)}}",{{city.Measurement(e, k)}}}""")) + "]";
        return settings.Target.SendAsync("batch-upsert", HttpMethod.Post, "entityOperations/upsert?options=update", body, cancellation);
    }
}
