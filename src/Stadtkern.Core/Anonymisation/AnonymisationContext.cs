namespace Stadtkern.Anonymisation;

/// <summary>A tenant's secret for keyed pseudonyms, with its version (a rotation makes a new version and new pseudonyms).</summary>
public sealed record PseudonymKey(int Version, byte[] Secret)
{
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What a run needs besides the data: the pseudonym key, a random source for noise, and the privacy budget left.</summary>
public sealed record AnonymisationContext(PseudonymKey? PseudonymKey, Random Random, double BudgetLeft = double.PositiveInfinity);
