namespace Stadtkern.Load.Profiles;

/// <summary>What the profiles are given: the target, the city's size and seed, and the profile-specific settings.</summary>
public sealed record ProfileSettings(NgsiTarget Target, long Entities, int Seed)
{
    /// <summary>Entities per batch-upsert request.</summary>
    public int Batch { get; init; } = 50;

    /// <summary>Subscriptions the city profile makes.</summary>
    public int Subscriptions { get; init; } = 3;

    /// <summary>The MQTT broker devices publish to (mqtt://host:port); default: the target's host, port 1883.</summary>
    public Uri? Mqtt { get; init; }

    /// <summary>Host name under which the target reaches this machine's notification sink (city profile).</summary>
    public string CallbackHost { get; init; } = "127.0.0.1";

    public CityEntities City { get; } = new(Seed);
}

/// <summary>The profiles by name.</summary>
public static class ProfileCatalog
{
    public static readonly IReadOnlyDictionary<string, Func<ProfileSettings, LoadProfile>> All = new Dictionary<string, Func<ProfileSettings, LoadProfile>>(StringComparer.Ordinal)
    {
        ["create"] = s => new CreateProfile(s),
        ["get"] = s => new GetProfile(s),
        ["update"] = s => new UpdateProfile(s),
        ["batch-upsert"] = s => new BatchUpsertProfile(s),
        ["query"] = s => new QueryProfile(s),
        ["geo"] = s => new GeoProfile(s),
        ["temporal"] = s => new TemporalProfile(s),
        ["mqtt"] = s => new MqttProfile(s),
        ["city"] = s => new CityProfile(s),
    };

    public static string Names => string.Join(", ", All.Keys);

    public static LoadProfile Create(string name, ProfileSettings settings) =>
        All.TryGetValue(name, out var make) ? make(settings) : throw new ArgumentException($"--profile '{name}' is not one of {Names}.");
}
