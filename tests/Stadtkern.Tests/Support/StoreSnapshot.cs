using System.Text;
using Microsoft.Data.Sqlite;

namespace Stadtkern.Tests.Support;

/// <summary>
/// Everything the store holds (entity bodies per tenant, the history and the hosted contexts), read straight from the
/// SQLite file, as one string: comparing two snapshots shows whether a request changed anything at all.
/// </summary>
public static class StoreSnapshot
{
    public static string Take(TestBroker broker) => Take(broker.DataDirectory);

    public static string Take(string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "stadtkern.db"), Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var text = new StringBuilder();
        Append(connection, text, "SELECT tenant, id, body FROM entities ORDER BY seq");
        Append(connection, text, "SELECT COUNT(*), COALESCE(MAX(iid), 0), COALESCE(SUM(modified_at), 0) FROM temporal_instances");
        Append(connection, text, "SELECT tenant, id, types, scope FROM temporal_entities ORDER BY tid");
        Append(connection, text, "SELECT tid, attribute, dataset_id FROM temporal_series ORDER BY sid");
        Append(connection, text, "SELECT tenant, type, COUNT(*) FROM entity_types GROUP BY tenant, type ORDER BY tenant, type");
        Append(connection, text, "SELECT COUNT(*) FROM entity_locations");
        Append(connection, text, "SELECT id, document FROM jsonld_contexts ORDER BY id");
        return text.ToString();
    }

    private static void Append(SqliteConnection connection, StringBuilder text, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        text.Append("-- ").Append(sql).Append('\n');
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
                text.Append(i == 0 ? "" : " | ").Append(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString());
            text.Append('\n');
        }
    }
}
