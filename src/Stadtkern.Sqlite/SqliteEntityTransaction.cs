using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.Geo;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

/// <summary>Write operations on one tenant inside the group-commit transaction; keeps the type and location indexes in step with the bodies.</summary>
internal sealed partial class SqliteEntityTransaction(PreparedCommands commands, SqliteTransaction transaction, string tenant) : IEntityTransaction
{
    private const string LocationIri = "https://uri.etsi.org/ngsi-ld/location";

    /// <summary>The rowid of the last insert on the writer's connection (cheaper than a RETURNING clause, whose reader must be run out).</summary>
    private long LastRowId() => SQLitePCL.raw.sqlite3_last_insert_rowid(transaction.Connection!.Handle);

    private SqliteCommand Command(string sql)
    {
        var command = commands.Get(sql, transaction);
        command.Parameters.AddWithValue("$tenant", tenant);
        return command;
    }

    // What Get read, so that a following Replace of the same entity needs no second read.
    private readonly Dictionary<string, (long Seq, JsonObject Body)> _read = new(StringComparer.Ordinal);

    public JsonObject? Get(string id)
    {
        var command = Command("SELECT seq, body FROM entities WHERE tenant = $tenant AND id = $id");
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            _read.Remove(id);
            return null;
        }
        var body = (JsonObject)JsonNode.Parse(reader.GetString(1))!;
        _read[id] = (reader.GetInt64(0), body);
        return (JsonObject)body.DeepClone();
    }

    private long? Seq(string id)
    {
        var command = Command("SELECT seq FROM entities WHERE tenant = $tenant AND id = $id");
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is long seq ? seq : null;
    }

    public void Insert(JsonObject entity)
    {
        var command = Command("INSERT INTO entities (tenant, id, body) VALUES ($tenant, $id, $body)");
        command.Parameters.AddWithValue("$id", entity[Members.Id]!.GetValue<string>());
        command.Parameters.AddWithValue("$body", entity.ToJsonString());
        command.ExecuteNonQuery();
        var seq = LastRowId();
        IndexTypes(seq, entity);
        IndexLocation(seq, entity);
        IndexValues(seq, entity, null);
        TrackTemporal(entity);
    }

    public void Replace(JsonObject entity)
    {
        var id = entity[Members.Id]!.GetValue<string>();
        if (!_read.TryGetValue(id, out var known))
        {
            _ = Get(id) ?? throw new InvalidOperationException($"Entity {id} does not exist.");
            known = _read[id];
        }
        var (seq, old) = known;
        var update = Command("UPDATE entities SET body = $body WHERE seq = $seq");
        update.Parameters.AddWithValue("$body", entity.ToJsonString());
        update.Parameters.AddWithValue("$seq", seq);
        update.ExecuteNonQuery();
        _read[id] = (seq, (JsonObject)entity.DeepClone());
        // Most updates change values, not types or location: the indexes are only rewritten when those changed.
        if (!JsonNode.DeepEquals(old[Members.Type], entity[Members.Type]))
        {
            UnindexTypes(seq);
            IndexTypes(seq, entity);
            TrackTemporal(entity);
        }
        else if (!JsonNode.DeepEquals(old[Members.Scope], entity[Members.Scope])) TrackTemporal(entity);
        if (!JsonNode.DeepEquals(old[LocationIri], entity[LocationIri]))
        {
            UnindexLocation(seq);
            IndexLocation(seq, entity);
        }
        var changed = EntityChanges.ChangedAttributes(old, entity);
        if (changed.Count > 0) ReindexValues(seq, old, entity, changed);
    }

    public bool Delete(string id)
    {
        // The seq is known without a query when this transaction read the entity before.
        var seq = _read.Remove(id, out var known) ? known.Seq : Seq(id);
        if (seq is null) return false;
        var remove = Command("DELETE FROM entities WHERE seq = $seq");
        remove.Parameters.AddWithValue("$seq", seq.Value);
        remove.ExecuteNonQuery();
        Unindex(seq.Value);
        return true;
    }

    private void Unindex(long seq)
    {
        UnindexTypes(seq);
        UnindexLocation(seq);
        var values = Command("DELETE FROM attr_values WHERE seq = $seq");
        values.Parameters.AddWithValue("$seq", seq);
        values.ExecuteNonQuery();
    }

    private void UnindexTypes(long seq)
    {
        var types = Command("DELETE FROM entity_types WHERE seq = $seq");
        types.Parameters.AddWithValue("$seq", seq);
        types.ExecuteNonQuery();
    }

    private void UnindexLocation(long seq)
    {
        var location = Command("DELETE FROM entity_locations WHERE seq = $seq");
        location.Parameters.AddWithValue("$seq", seq);
        location.ExecuteNonQuery();
    }

    private void IndexTypes(long seq, JsonObject entity)
    {
        if (entity[Members.Type] is not JsonArray types) return;
        foreach (var type in types)
        {
            var command = Command("INSERT OR IGNORE INTO entity_types (tenant, type, seq) VALUES ($tenant, $type, $seq)");
            command.Parameters.AddWithValue("$type", type!.GetValue<string>());
            command.Parameters.AddWithValue("$seq", seq);
            command.ExecuteNonQuery();
        }
    }

    private void IndexLocation(long seq, JsonObject entity)
    {
        if (entity[LocationIri] is not JsonArray instances) return;
        NetTopologySuite.Geometries.Envelope? box = null;
        foreach (var instance in instances.OfType<JsonObject>())
        {
            if (instance[Members.Value] is not JsonObject value) continue;
            try
            {
                var envelope = GeoJson.ToGeometry(value).EnvelopeInternal;
                box ??= new NetTopologySuite.Geometries.Envelope();
                box.ExpandToInclude(envelope);
            }
            catch (FormatException)
            {
                // Stored locations were validated on the way in; an unreadable one is simply not indexed.
            }
        }
        if (box is null) return;
        var command = Command("INSERT INTO entity_locations (seq, min_x, max_x, min_y, max_y) VALUES ($seq, $minx, $maxx, $miny, $maxy)");
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$minx", box.MinX);
        command.Parameters.AddWithValue("$maxx", box.MaxX);
        command.Parameters.AddWithValue("$miny", box.MinY);
        command.Parameters.AddWithValue("$maxy", box.MaxY);
        command.ExecuteNonQuery();
    }
}
