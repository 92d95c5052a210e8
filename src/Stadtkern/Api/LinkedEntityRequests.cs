using System.Text.Json.Nodes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Host.Api;

/// <summary>The join (<c>join</c>, <c>joinLevel</c>) of a query or retrieval, reading linked entities from the store of the request's tenant.</summary>
internal static class LinkedEntityRequests
{
    public static LinkedEntities? From(HttpRequest request, IEntityStore store, string tenant) =>
        From(QueryString.Get(request, "join"), QueryString.Int(request, "joinLevel"), store, tenant);

    public static LinkedEntities? From(string? join, int? joinLevel, IEntityStore store, string tenant) =>
        LinkedEntities.From(join, joinLevel, (id, cancellation) => new ValueTask<JsonObject?>(store.GetAsync(tenant, id, cancellation)));
}
