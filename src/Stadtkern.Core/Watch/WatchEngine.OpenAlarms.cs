using Stadtkern.Store;

namespace Stadtkern.Watch;

/// <summary>
/// Several nodes on one database each keep their own memory of the rules' state, so before raising an alarm the engine
/// asks the store whether the rule's alarm for the entity is open already: another node may have raised it. The question
/// is asked in the transaction that holds the entity's lock (every raise reads or changes the entity first, and a node's
/// store serialises writers of one entity across nodes), so two nodes cannot both find none and both raise one.
/// </summary>
public sealed partial class WatchEngine
{
    private static readonly string WatchRuleName = AlarmEntity.Expand("watchRule");
    private static readonly string AlertSourceName = AlarmEntity.Expand("alertSource");
    private static readonly string AlarmStatusName = AlarmEntity.Expand("alarmStatus");

    /// <summary>The id of an open (raised or acknowledged) alarm of <paramref name="rule"/> for the entity, or null.</summary>
    private static string? OpenAlarm(IEntityTransaction tx, WatchRule rule, string entityId)
    {
        foreach (var status in new[] { AlarmEntity.Raised, AlarmEntity.Acknowledged })
        {
            var open = tx.FindByText([(WatchRuleName, rule.Id), (AlertSourceName, entityId), (AlarmStatusName, status)], 1);
            if (open.Count > 0) return open[0];
        }
        return null;
    }
}
