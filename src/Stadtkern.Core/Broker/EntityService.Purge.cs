using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;

namespace Stadtkern.Broker;

public sealed partial class EntityService
{
    private const int PurgePage = 500;

    /// <summary>
    /// Purge entities (DELETE /entities, v1.9): deletes every entity the selection matches, or with <paramref name="drop"/>
    /// removes those attributes, or with <paramref name="keep"/> removes all others. Returns how many entities changed.
    /// </summary>
    public async Task<int> PurgeAsync(string tenant, EntityQueryParameters selection, IReadOnlyList<string>? drop, IReadOnlyList<string>? keep,
        JsonLdContext context, CancellationToken cancellation)
    {
        if (drop is not null && keep is not null) throw NgsiLdException.BadData("drop and keep cannot be used together.");
        var dropped = drop?.Select(a => EntityReader.ExpandName(a, context)).ToHashSet(StringComparer.Ordinal);
        var kept = keep?.Select(a => EntityReader.ExpandName(a, context)).ToHashSet(StringComparer.Ordinal);
        var query = BuildQuery(tenant, selection, context);
        var changed = 0;
        var offset = 0;
        while (true)
        {
            var page = await store.QueryAsync(query with { Limit = PurgePage, Offset = offset }, cancellation);
            if (page.Entities.Count == 0) break;
            var ids = page.Entities.Select(e => e[Members.Id]!.GetValue<string>()).ToList();
            var count = await WriteAsync(tenant, tx =>
            {
                var n = 0;
                foreach (var id in ids)
                {
                    if (dropped is null && kept is null)
                    {
                        if (tx.Delete(id)) n++;
                        continue;
                    }
                    if (tx.Get(id) is not { } entity) continue;
                    var names = Attributes(entity).Select(a => a.Name).ToList();
                    var remove = names.Where(a => dropped is not null ? dropped.Contains(a) : !kept!.Contains(a)).ToList();
                    if (remove.Count == 0) continue;
                    foreach (var name in remove) entity.Remove(name);
                    entity[Members.ModifiedAt] = Now();
                    tx.Replace(entity);
                    n++;
                }
                return n;
            }, cancellation);
            changed += count;
            // Deleted entities leave the result set, so the next page starts where this one did; changed ones stay in it.
            if (dropped is not null || kept is not null) offset += page.Entities.Count;
            if (page.Entities.Count < PurgePage) break;
        }
        return changed;
    }
}
