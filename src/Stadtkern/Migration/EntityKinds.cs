using System.Text.Json.Nodes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Host.Migration;

/// <summary>The entities of every tenant, in stored (expanded) form.</summary>
internal sealed class EntitiesKind : StoreKind
{
    private const int Page = 500;

    public override string Name => "entities";

    public override async Task CopyAsync(IEntityStore from, IEntityStore to, Action<long> copied, CancellationToken cancellation)
    {
        long done = 0;
        foreach (var tenant in await from.TenantsAsync(cancellation))
            for (var offset = 0; ; offset += Page)
            {
                var page = await from.QueryAsync(new EntityQuery(tenant) { Offset = offset, Limit = Page }, cancellation);
                if (page.Entities.Count == 0) break;
                await to.WriteAsync(tenant, tx =>
                {
                    foreach (var entity in page.Entities) tx.Insert(entity);
                    return true;
                }, cancellation);
                copied(done += page.Entities.Count);
            }
    }

    public override async Task<(long Count, string Sha256)> FingerprintAsync(IEntityStore store, CancellationToken cancellation)
    {
        var fingerprint = new ContentFingerprint();
        foreach (var tenant in await store.TenantsAsync(cancellation))
            for (var offset = 0; ; offset += Page)
            {
                var page = await store.QueryAsync(new EntityQuery(tenant) { Offset = offset, Limit = Page }, cancellation);
                if (page.Entities.Count == 0) break;
                foreach (var entity in page.Entities) fingerprint.Add(tenant, entity[Members.Id]!.GetValue<string>(), entity);
            }
        return fingerprint.Result();
    }
}

/// <summary>
/// The temporal representations with every attribute instance, by the time each was recorded. Instance ids are the
/// store's own (made from its row numbers), so they are not copied and not compared.
/// </summary>
internal sealed class HistoryKind : StoreKind
{
    private const int Page = 50;

    public override string Name => "history";

    private static TemporalQuery Query(string tenant, int offset) =>
        new(tenant) { OrderBy = TimeProperty.CreatedAt, Offset = offset, Limit = Page };

    private static JsonObject WithoutId(JsonObject instance)
    {
        var copy = (JsonObject)instance.DeepClone();
        copy.Remove(Members.InstanceId);
        return copy;
    }

    public override async Task CopyAsync(IEntityStore from, IEntityStore to, Action<long> copied, CancellationToken cancellation)
    {
        var temporal = As<ITemporalStore>(from);
        long done = 0;
        foreach (var tenant in await from.TenantsAsync(cancellation))
            for (var offset = 0; ; offset += Page)
            {
                var page = await temporal.QueryTemporalAsync(Query(tenant, offset), cancellation);
                if (page.Entities.Count == 0) break;
                await to.WriteAsync(tenant, tx =>
                {
                    foreach (var entity in page.Entities)
                    {
                        tx.TrackTemporal(entity.Id, entity.Types, entity.Scope, entity.CreatedAt);
                        foreach (var series in entity.Series)
                            foreach (var instance in series.Instances)
                                tx.AppendHistory(entity.Id, series.Attribute, WithoutId(instance.Instance!), instance.At ?? entity.CreatedAt);
                    }
                    return true;
                }, cancellation);
                copied(done += page.Entities.Sum(e => 1 + e.Series.Sum(s => s.Instances.Count)));
            }
    }

    public override async Task<(long Count, string Sha256)> FingerprintAsync(IEntityStore store, CancellationToken cancellation)
    {
        var temporal = As<ITemporalStore>(store);
        var fingerprint = new ContentFingerprint();
        foreach (var tenant in await store.TenantsAsync(cancellation))
            for (var offset = 0; ; offset += Page)
            {
                var page = await temporal.QueryTemporalAsync(Query(tenant, offset), cancellation);
                if (page.Entities.Count == 0) break;
                foreach (var entity in page.Entities)
                {
                    fingerprint.Add(tenant, entity.Id, entity.Types, entity.Scope, entity.CreatedAt, entity.DeletedAt);
                    foreach (var series in entity.Series)
                        for (var i = 0; i < series.Instances.Count; i++)
                            fingerprint.Add(tenant, entity.Id, series.Attribute, series.DatasetId, i, series.Instances[i].At, WithoutId(series.Instances[i].Instance!));
                }
            }
        return fingerprint.Result();
    }
}
