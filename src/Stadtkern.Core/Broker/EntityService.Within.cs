using System.Text.Json.Nodes;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Broker;

/// <summary>
/// Writes that a change observer makes inside the transaction it was shown (an alarm raised by a reading): the same
/// stamping and history as the public paths, so such entities are ordinary ones for queries, history and subscriptions.
/// </summary>
public sealed partial class EntityService
{
    /// <summary>Creates an entity from a compacted body (core context) in <paramref name="tx"/>; false when the id is taken.</summary>
    public bool CreateWithin(IEntityTransaction tx, JsonObject body)
    {
        var entity = EntityReader.ReadEntity(body, JsonLdContext.Core);
        if (tx.Get(entity[Members.Id]!.GetValue<string>()) is not null) return false;
        return Create(tx, entity, knownNew: true);
    }

    /// <summary>Appends (or overwrites) attributes given in compacted form (core context) to an entity in <paramref name="tx"/>; false when it does not exist.</summary>
    public bool AppendWithin(IEntityTransaction tx, string id, JsonObject attributes)
    {
        if (tx.Get(id) is not { } entity) return false;
        Append(tx, entity, EntityReader.ReadAttributes(attributes, JsonLdContext.Core, allowNull: false), noOverwrite: false, JsonLdContext.Core);
        tx.Replace(entity);
        return true;
    }
}
