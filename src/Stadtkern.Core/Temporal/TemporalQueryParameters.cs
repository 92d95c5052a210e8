using Stadtkern.Broker;

namespace Stadtkern.Temporal;

/// <summary>The parameters of a temporal query or retrieval as the API receives them: the entity selection plus the time window.</summary>
public sealed record TemporalQueryParameters
{
    public EntityQueryParameters Entities { get; init; } = new();

    /// <summary><c>before</c>, <c>after</c> or <c>between</c>.</summary>
    public string? TimeRel { get; init; }

    public string? TimeAt { get; init; }

    public string? EndTimeAt { get; init; }

    /// <summary><c>observedAt</c> (default), <c>createdAt</c>, <c>modifiedAt</c> or <c>deletedAt</c>.</summary>
    public string? TimeProperty { get; init; }

    public string? LastN { get; init; }

    /// <summary>The aggregated representation is wanted (its methods and period below).</summary>
    public bool Aggregated { get; init; }

    /// <summary>Comma list of aggregation methods (aggregatedValues).</summary>
    public string? AggrMethods { get; init; }

    /// <summary>Only series of these datasetIds (<c>@none</c> for the default instances), or null for all.</summary>
    public IReadOnlySet<string>? DatasetIds { get; init; }

    /// <summary><c>local=true</c>: the query may name no selector at all.</summary>
    public bool Local { get; init; }

    /// <summary>ISO 8601 duration of an aggregation period (aggregatedValues); the whole window when absent.</summary>
    public string? AggrPeriodDuration { get; init; }
}
