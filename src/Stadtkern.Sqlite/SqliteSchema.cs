using Microsoft.Data.Sqlite;

namespace Stadtkern.Sqlite;

/// <summary>The embedded schema, versioned: each migration runs once, in order, at start-up.</summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE entities (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            body TEXT NOT NULL,
            UNIQUE (tenant, id));
        CREATE TABLE entity_types (
            tenant TEXT NOT NULL,
            type TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (tenant, type, seq)) WITHOUT ROWID;
        CREATE INDEX entity_types_seq ON entity_types (seq);
        CREATE VIRTUAL TABLE entity_locations USING rtree(seq, min_x, max_x, min_y, max_y);
        CREATE TABLE attribute_history (
            hid INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            attribute TEXT NOT NULL,
            instance TEXT NOT NULL,
            recorded_at TEXT NOT NULL);
        CREATE INDEX attribute_history_entity ON attribute_history (tenant, entity_id, attribute, hid);
        CREATE TABLE jsonld_contexts (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            document TEXT NOT NULL,
            created_at TEXT NOT NULL);
        """,
        """
        CREATE TABLE attr_values (
            tenant TEXT NOT NULL,
            attribute TEXT NOT NULL,
            num REAL,
            str TEXT,
            seq INTEGER NOT NULL);
        CREATE INDEX attr_values_num ON attr_values (tenant, attribute, num);
        CREATE INDEX attr_values_str ON attr_values (tenant, attribute, str);
        CREATE INDEX attr_values_seq ON attr_values (seq, attribute);
        """,
        """
        CREATE TABLE subscriptions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            modified_at TEXT NOT NULL,
            times_sent INTEGER NOT NULL DEFAULT 0,
            times_failed INTEGER NOT NULL DEFAULT 0,
            last_notification TEXT,
            last_success TEXT,
            last_failure TEXT,
            delivery_status TEXT,
            UNIQUE (tenant, id));
        CREATE TABLE notification_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant TEXT NOT NULL,
            subscription_id TEXT NOT NULL,
            uri TEXT NOT NULL,
            headers TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE INDEX notification_outbox_queue ON notification_outbox (tenant, subscription_id, seq);
        ALTER TABLE jsonld_contexts ADD COLUMN kind TEXT NOT NULL DEFAULT 'Hosted';
        """,
        """
        CREATE INDEX entities_tenant_seq ON entities (tenant, seq);
        """,
        """
        DROP INDEX attr_values_num;
        DROP INDEX attr_values_str;
        CREATE INDEX attr_values_num ON attr_values (tenant, attribute, num, seq);
        CREATE INDEX attr_values_str ON attr_values (tenant, attribute, str, seq);
        """,
    ];

    public static void Migrate(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);");
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        for (var v = current; v < Migrations.Length; v++)
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, Migrations[v], tx);
            Execute(connection, $"INSERT INTO schema_version (version) VALUES ({v + 1});", tx);
            tx.Commit();
        }
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
