namespace Stadtkern.Warnings;

public sealed partial class WarningService
{
    /// <summary>Starts a draft from an NGSI-LD <c>Alert</c> entity (Smart Data Models) on <paramref name="tenant"/>; a person completes and releases it.</summary>
    public async Task<Warning> DraftFromAlarmAsync(string tenant, string entityId, string user, CancellationToken cancellation)
    {
        var entity = await entities.GetAsync(tenant, entityId, cancellation);
        var alert = AlarmPrefill.Compose(entity, options.WarningSender);
        return await CreateDraftAsync(alert, user, cancellation);
    }
}
