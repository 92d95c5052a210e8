namespace Stadtkern.Broker;

/// <summary>Which attributes an update changed and which it did not, with why (clause 5.2.18 UpdateResult).</summary>
public sealed record UpdateResult(IReadOnlyList<string> Updated, IReadOnlyList<(string Attribute, string Reason)> NotUpdated)
{
    public bool Complete => NotUpdated.Count == 0;
}

/// <summary>The outcome of a batch operation: ids that succeeded and per-entity errors (clause 5.2.16 BatchOperationResult).</summary>
public sealed record BatchResult(IReadOnlyList<string> Success, IReadOnlyList<BatchError> Errors, IReadOnlyList<string> Created);

/// <summary>One entity's failure in a batch.</summary>
public sealed record BatchError(string EntityId, Errors.NgsiLdException Error);
