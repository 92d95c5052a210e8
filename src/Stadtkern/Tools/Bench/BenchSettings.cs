using Stadtkern.Load;
using Stadtkern.Load.Profiles;

namespace Stadtkern.Host.Tools.Bench;

/// <summary>The settings of one <c>stadtkern bench</c> run, read and checked from the command line.</summary>
internal sealed record BenchSettings(Uri Target, string Profile, LoadShape Shape, TimeSpan WarmUp, long Entities, int Seed, string? Format, IReadOnlyList<string> OutputFiles)
{
    public string? Tenant { get; init; }

    public int Batch { get; init; } = 50;

    public int Subscriptions { get; init; } = 3;

    public Uri? Mqtt { get; init; }

    public string CallbackHost { get; init; } = "127.0.0.1";

    /// <summary>Null: a plain run; else the capacity search.</summary>
    public CapacityPlan? Capacity { get; init; }

    public bool Baselines { get; init; } = true;

    public ProfileSettings ProfileSettings(NgsiTarget target) =>
        new(target, Entities, Seed) { Batch = Batch, Subscriptions = Subscriptions, Mqtt = Mqtt, CallbackHost = CallbackHost };
}
