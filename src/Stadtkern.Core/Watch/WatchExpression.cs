namespace Stadtkern.Watch;

/// <summary>
/// What a rule watches: one condition, or a combination of several over the same entity that must all hold (<c>all</c>)
/// or of which one is enough (<c>any</c>). It is evaluated over its conditions' verdicts, so the same tree answers
/// "is it violated now" (each condition strictly) and "does the raised alarm still hold" (each past its hysteresis).
/// </summary>
public abstract record WatchExpression
{
    /// <summary>The simple conditions, each once, in document order.</summary>
    public abstract IEnumerable<WatchCondition> Conditions { get; }

    /// <summary>Whether the expression holds when each simple condition's verdict is <paramref name="verdict"/>.</summary>
    public abstract bool Holds(Func<WatchCondition, bool> verdict);

    /// <summary>The sentence for the alarm: the conditions that hold, as far as they have a reading.</summary>
    public abstract IEnumerable<string> Describe(Func<WatchCondition, bool> verdict, Func<WatchCondition, WatchReading?> reading);
}

/// <summary>A single condition.</summary>
public sealed record SingleCondition(WatchCondition Condition) : WatchExpression
{
    public override IEnumerable<WatchCondition> Conditions => [Condition];

    public override bool Holds(Func<WatchCondition, bool> verdict) => verdict(Condition);

    public override IEnumerable<string> Describe(Func<WatchCondition, bool> verdict, Func<WatchCondition, WatchReading?> reading) =>
        reading(Condition) is { } r ? [Condition.Describe(r)] : [];
}

/// <summary>All parts must hold (<paramref name="All"/>), or any one of them.</summary>
public sealed record CombinedCondition(bool All, IReadOnlyList<WatchExpression> Parts) : WatchExpression
{
    public override IEnumerable<WatchCondition> Conditions => Parts.SelectMany(p => p.Conditions);

    public override bool Holds(Func<WatchCondition, bool> verdict) => All ? Parts.All(p => p.Holds(verdict)) : Parts.Any(p => p.Holds(verdict));

    public override IEnumerable<string> Describe(Func<WatchCondition, bool> verdict, Func<WatchCondition, WatchReading?> reading) =>
        Parts.Where(p => All || p.Holds(verdict)).SelectMany(p => p.Describe(verdict, reading));
}
