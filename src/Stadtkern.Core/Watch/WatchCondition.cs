using NetTopologySuite.Geometries;

namespace Stadtkern.Watch;

/// <summary>One reading of the watched attribute (or the entity's location, for a geofence).</summary>
public sealed record WatchReading(double? Number, Geometry? Location, DateTimeOffset At);

/// <summary>
/// What a rule remembers per entity between readings: how many consecutive changes its condition held for and since
/// when, the last two readings of each of its simple conditions, and the alarm it has open.
/// </summary>
public sealed class WatchState(WatchRule? rule)
{
    /// <summary>The rule (version) the readings were kept for; a replaced rule starts counting again.</summary>
    public WatchRule? Rule { get; } = rule;

    public int Consecutive { get; set; }

    public DateTimeOffset? HoldingSince { get; set; }

    /// <summary>The latest reading per simple condition (by its index in the rule).</summary>
    public WatchReading?[] Last { get; } = new WatchReading?[rule?.Conditions.Count ?? 0];

    /// <summary>The reading before <see cref="Last"/>, per simple condition.</summary>
    public WatchReading?[] Previous { get; } = new WatchReading?[rule?.Conditions.Count ?? 0];

    /// <summary>The alarm this rule has raised for the entity and not yet cleared.</summary>
    public string? AlarmId { get; set; }

    /// <summary>A copy, kept to put the state back when the change that altered it is undone.</summary>
    public WatchState Copy()
    {
        var copy = new WatchState(Rule) { Consecutive = Consecutive, HoldingSince = HoldingSince, AlarmId = AlarmId };
        Last.CopyTo(copy.Last, 0);
        Previous.CopyTo(copy.Previous, 0);
        return copy;
    }

    public void Read(int condition, WatchReading reading)
    {
        Previous[condition] = Last[condition];
        Last[condition] = reading;
    }
}

/// <summary>
/// A condition over an entity's readings: whether it is violated now (<see cref="Violated"/>), and whether a raised
/// alarm may clear (<see cref="Recovered"/>, which applies the hysteresis so that alarms do not flap).
/// </summary>
public abstract record WatchCondition
{
    /// <summary>The attribute read (short name), or null for the location.</summary>
    public abstract string? Attribute { get; }

    public abstract bool Violated(WatchReading reading, WatchReading? previous);

    public abstract bool Recovered(WatchReading reading, WatchReading? previous);

    /// <summary>A sentence for the alarm's description.</summary>
    public abstract string Describe(WatchReading reading);
}

/// <summary>Value above (or below) a limit; recovers once it is back by the hysteresis.</summary>
public sealed record ThresholdCondition(string Name, double Limit, bool Above, double Hysteresis) : WatchCondition
{
    public override string? Attribute => Name;

    public override bool Violated(WatchReading reading, WatchReading? previous) =>
        reading.Number is { } v && (Above ? v > Limit : v < Limit);

    public override bool Recovered(WatchReading reading, WatchReading? previous) =>
        reading.Number is { } v && (Above ? v <= Limit - Hysteresis : v >= Limit + Hysteresis);

    public override string Describe(WatchReading reading) =>
        FormattableString.Invariant($"{Name} {reading.Number} {(Above ? "above" : "below")} {Limit}");
}

/// <summary>Change between consecutive readings faster than a limit per period; recovers below the limit minus the hysteresis.</summary>
public sealed record RateOfChangeCondition(string Name, double Limit, TimeSpan Per, double Hysteresis) : WatchCondition
{
    public override string? Attribute => Name;

    private double? Rate(WatchReading reading, WatchReading? previous) =>
        reading.Number is { } v && previous?.Number is { } p && reading.At > previous.At
            ? Math.Abs(v - p) / ((reading.At - previous.At).TotalSeconds / Per.TotalSeconds)
            : null;

    public override bool Violated(WatchReading reading, WatchReading? previous) => Rate(reading, previous) > Limit;

    public override bool Recovered(WatchReading reading, WatchReading? previous) => Rate(reading, previous) is { } r && r <= Limit - Hysteresis;

    public override string Describe(WatchReading reading) => FormattableString.Invariant($"{Name} changes faster than {Limit} per {Per}");
}

/// <summary>Location inside (or outside) an area; recovers when that is no longer so.</summary>
public sealed record GeofenceCondition(Geometry Area, bool Inside) : WatchCondition
{
    public override string? Attribute => null;

    public override bool Violated(WatchReading reading, WatchReading? previous) =>
        reading.Location is { } location && Area.Intersects(location) == Inside;

    public override bool Recovered(WatchReading reading, WatchReading? previous) =>
        reading.Location is { } location && Area.Intersects(location) != Inside;

    public override string Describe(WatchReading reading) => Inside ? "location inside the watched area" : "location outside the watched area";
}

/// <summary>No reading of the attribute for longer than a period ("sensor silent"): checked by the clock, not by readings.</summary>
public sealed record StalenessCondition(string Name, TimeSpan SilentFor) : WatchCondition
{
    public override string? Attribute => Name;

    public override bool Violated(WatchReading reading, WatchReading? previous) => false;

    /// <summary>Any reading ends the silence.</summary>
    public override bool Recovered(WatchReading reading, WatchReading? previous) => true;

    public bool SilentAt(DateTimeOffset lastReading, DateTimeOffset now) => now - lastReading > SilentFor;

    public override string Describe(WatchReading reading) => FormattableString.Invariant($"no reading of {Name} for more than {SilentFor}");
}
