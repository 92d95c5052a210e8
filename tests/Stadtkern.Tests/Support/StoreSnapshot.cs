using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Stadtkern.Tests.Support;

/// <summary>
/// Everything the store holds (entity bodies per tenant, the history and the hosted contexts), read straight from the
/// SQLite file or the PostgreSQL database, as one string: comparing two snapshots shows whether a request changed anything at all.
/// </summary>
public static class StoreSnapshot
{
    public static string Take(TestBroker broker)
    {
        var options = broker.Services.GetRequiredService<StadtkernOptions>();
        return options.Store == "postgres" ? TakePostgres(options.Connection) : Take(broker.DataDirectory);
    }

    public static string Take(string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "stadtkern.db"), Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return Read(connection,
            "SELECT tenant, id, body FROM entities ORDER BY seq",
            "SELECT COUNT(*), COALESCE(MAX(iid), 0), COALESCE(SUM(modified_at), 0) FROM temporal_instances",
            "SELECT tenant, id, types, scope FROM temporal_entities ORDER BY tid",
            "SELECT tid, attribute, dataset_id FROM temporal_series ORDER BY sid",
            "SELECT tenant, type, COUNT(*) FROM entity_types GROUP BY tenant, type ORDER BY tenant, type",
            "SELECT COUNT(*) FROM entity_locations",
            "SELECT id, document FROM jsonld_contexts ORDER BY id");
    }

    private static string TakePostgres(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return Read(connection,
            "SELECT tenant, id, body::text FROM entities ORDER BY seq",
            "SELECT COUNT(*), COALESCE(MAX(iid), 0), COALESCE(SUM(EXTRACT(EPOCH FROM modified_at)), 0) FROM temporal_instances",
            "SELECT tenant, id, array_to_string(types, ' '), scope::text FROM temporal_entities ORDER BY tid",
            "SELECT entity_id, attribute, dataset_id FROM temporal_series ORDER BY sid",
            "SELECT tenant, type, COUNT(*) FROM entities, unnest(types) AS type GROUP BY tenant, type ORDER BY tenant, type",
            "SELECT COUNT(location) FROM entities",
            "SELECT id, document::text FROM jsonld_contexts ORDER BY id");
    }

    private static string Read(DbConnection connection, params string[] queries)
    {
        var text = new StringBuilder();
        foreach (var sql in queries)
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
        return text.ToString();
    }
}
