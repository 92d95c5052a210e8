using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Npgsql;
using Stadtkern.Geo;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Postgres;

/// <summary>
/// Write operations on one tenant inside the writer's transaction; keeps the types, location and value index in step with
/// the bodies. Every operation on an entity first takes a transaction-scoped advisory lock on (tenant, id), held until the
/// commit: a read-modify-write on this node and one on another node of the same entity (or the same id not yet created)
/// thus run one after the other, and the second reads what the first committed.
/// </summary>
internal sealed partial class PostgresEntityTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, HistoryPartitions partitions,
    PostgresWriter writer)
    : IEntityTransaction
{
    private const string LocationIri = "https://uri.etsi.org/ngsi-ld/location";
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);

    // What Get read, so that a following Replace of the same entity needs no second read.
    private readonly Dictionary<string, JsonObject> _read = new(StringComparer.Ordinal);

    private NpgsqlCommand Command(string sql)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("tenant", tenant);
        return command;
    }

    /// <summary>Serialises writers of this entity across transactions and nodes (re-entrant; taken once per transaction).</summary>
    private void Lock(string id)
    {
        if (!_locked.Add(id)) return;
        using var command = Command("SELECT pg_advisory_xact_lock(hashtextextended(@tenant || chr(31) || @id, 0))");
        command.Parameters.AddWithValue("id", id);
        command.ExecuteNonQuery();
    }

    public JsonObject? Get(string id)
    {
        Lock(id);
        // A statement of its own after the lock: under READ COMMITTED it sees every commit made before the lock was granted.
        using var command = Command("SELECT body::text FROM entities WHERE tenant = @tenant AND id = @id");
        command.Parameters.AddWithValue("id", id);
        if (command.ExecuteScalar() is not string text)
        {
            _read.Remove(id);
            return null;
        }
        var body = (JsonObject)JsonNode.Parse(text)!;
        _read[id] = body;
        return (JsonObject)body.DeepClone();
    }

    public void Insert(JsonObject entity)
    {
        var id = entity[Members.Id]!.GetValue<string>();
        Lock(id);
        using var command = Command("INSERT INTO entities (tenant, id, types, body, location) VALUES (@tenant, @id, @types, @body, @location)");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("types", TypesOf(entity));
        command.Parameters.Add(PostgresEntityStore.Jsonb("body", entity.ToJsonString()));
        command.Parameters.AddWithValue("location", (object?)LocationOf(entity) ?? DBNull.Value);
        command.ExecuteNonQuery();
        _read[id] = (JsonObject)entity.DeepClone();
        IndexValues(id, entity, null);
        TrackTemporal(entity);
    }

    public void Replace(JsonObject entity)
    {
        var id = entity[Members.Id]!.GetValue<string>();
        if (!_read.TryGetValue(id, out var old))
        {
            _ = Get(id) ?? throw new InvalidOperationException($"Entity {id} does not exist.");
            old = _read[id];
        }
        // Most updates change values, not types or location: those columns are only rewritten when they changed.
        var typesChanged = !JsonNode.DeepEquals(old[Members.Type], entity[Members.Type]);
        var locationChanged = !JsonNode.DeepEquals(old[LocationIri], entity[LocationIri]);
        using var update = Command("UPDATE entities SET body = @body"
            + (typesChanged ? ", types = @types" : "") + (locationChanged ? ", location = @location" : "")
            + " WHERE tenant = @tenant AND id = @id");
        update.Parameters.AddWithValue("id", id);
        update.Parameters.Add(PostgresEntityStore.Jsonb("body", entity.ToJsonString()));
        if (typesChanged) update.Parameters.AddWithValue("types", TypesOf(entity));
        if (locationChanged) update.Parameters.AddWithValue("location", (object?)LocationOf(entity) ?? DBNull.Value);
        update.ExecuteNonQuery();
        _read[id] = (JsonObject)entity.DeepClone();
        if (typesChanged || !JsonNode.DeepEquals(old[Members.Scope], entity[Members.Scope])) TrackTemporal(entity);
        var changed = EntityChanges.ChangedAttributes(old, entity);
        if (changed.Count > 0) IndexValues(id, entity, changed);
    }

    public bool Delete(string id)
    {
        Lock(id);
        _read.Remove(id);
        using var remove = Command("DELETE FROM entities WHERE tenant = @tenant AND id = @id");
        remove.Parameters.AddWithValue("id", id);
        if (remove.ExecuteNonQuery() == 0) return false;
        using var values = Command("DELETE FROM attr_values WHERE tenant = @tenant AND entity_id = @id");
        values.Parameters.AddWithValue("id", id);
        values.ExecuteNonQuery();
        return true;
    }

    private static string[] TypesOf(JsonObject entity) =>
        (entity[Members.Type] as JsonArray ?? []).Select(t => t!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The geometry of every location instance together (a collection when there are several), in WGS 84; null when none.</summary>
    private static Geometry? LocationOf(JsonObject entity)
    {
        if (entity[LocationIri] is not JsonArray instances) return null;
        var geometries = new List<Geometry>();
        foreach (var instance in instances.OfType<JsonObject>())
        {
            if (instance[Members.Value] is not JsonObject value) continue;
            try
            {
                geometries.Add(GeoJson.ToGeometry(value));
            }
            catch (FormatException)
            {
                // Stored locations were validated on the way in; an unreadable one is simply not indexed.
            }
        }
        if (geometries.Count == 0) return null;
        var geometry = geometries.Count == 1 ? geometries[0].Copy() : new GeometryCollection(geometries.ToArray());
        geometry.SRID = 4326;
        return geometry;
    }

    /// <summary>Rewrites the value index rows of the attributes named (all when null) from the entity's current values, in one round trip each way.</summary>
    private void IndexValues(string id, JsonObject entity, HashSet<string>? only)
    {
        if (only is not null)
        {
            using var delete = Command("DELETE FROM attr_values WHERE tenant = @tenant AND entity_id = @id AND attribute = ANY(@attributes)");
            delete.Parameters.AddWithValue("id", id);
            delete.Parameters.AddWithValue("attributes", only.ToArray());
            delete.ExecuteNonQuery();
        }
        var rows = Query.IndexedValues.Of(entity).Where(v => only is null || only.Contains(v.Attribute)).ToList();
        if (rows.Count == 0) return;
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        using var insert = Command("""
            INSERT INTO attr_values (tenant, entity_id, attribute, n, num, str)
            SELECT @tenant, @id, v.attribute, v.n, v.num, v.str FROM unnest(@attributes, @ns, @nums, @strs) AS v(attribute, n, num, str)
            """);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("attributes", rows.Select(r => r.Attribute).ToArray());
        insert.Parameters.AddWithValue("ns", rows.Select(r => positions[r.Attribute] = positions.GetValueOrDefault(r.Attribute, -1) + 1).ToArray());
        insert.Parameters.AddWithValue("nums", rows.Select(r => r.Number).ToArray());
        insert.Parameters.AddWithValue("strs", rows.Select(r => r.Text).ToArray());
        insert.ExecuteNonQuery();
    }
}
