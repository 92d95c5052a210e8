namespace Stadtkern.Subscriptions;

/// <summary>One page of Query Subscriptions: the subscriptions, where the page starts, its size and how many there are in all.</summary>
public sealed record SubscriptionListing(IReadOnlyList<SubscriptionView> Subscriptions, int Offset, int Limit, long Total)
{
    /// <summary>Whether a page comes before this one (clause 5.5.9: a <c>prev</c> link).</summary>
    public bool HasPrevious => Offset > 0 && Limit > 0;

    /// <summary>Whether a page comes after this one (a <c>next</c> link).</summary>
    public bool HasNext => Limit > 0 && Offset + Limit < Total;

    /// <summary>Where the previous page starts.</summary>
    public int PreviousOffset => Math.Max(0, Offset - Limit);

    /// <summary>Where the next page starts.</summary>
    public int NextOffset => Offset + Limit;
}
