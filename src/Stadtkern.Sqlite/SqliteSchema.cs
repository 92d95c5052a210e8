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
        // The temporal representation: an entity's history outlives the entity, so it has a row of its own; each
        // attribute (and datasetId) is a series; an instance row is kept compact (integer keys, times as microseconds
        // since 1970, the numeric value beside the JSON so that aggregation reads only the index). Rows of the old history
        // table move over whole; their instants to the millisecond, SQLite's date precision (the JSON keeps them exactly).
        """
        CREATE TABLE temporal_entities (
            tid INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            types TEXT NOT NULL,
            scope TEXT,
            created_at INTEGER NOT NULL,
            deleted_at INTEGER,
            UNIQUE (tenant, id));
        CREATE TABLE temporal_types (
            tenant TEXT NOT NULL,
            type TEXT NOT NULL,
            tid INTEGER NOT NULL,
            PRIMARY KEY (tenant, type, tid)) WITHOUT ROWID;
        CREATE INDEX temporal_types_tid ON temporal_types (tid);
        CREATE TABLE temporal_series (
            sid INTEGER PRIMARY KEY AUTOINCREMENT,
            tid INTEGER NOT NULL,
            attribute TEXT NOT NULL,
            dataset_id TEXT NOT NULL DEFAULT '',
            UNIQUE (tid, attribute, dataset_id));
        CREATE TABLE temporal_instances (
            iid INTEGER PRIMARY KEY AUTOINCREMENT,
            sid INTEGER NOT NULL,
            observed_at INTEGER,
            created_at INTEGER NOT NULL,
            modified_at INTEGER NOT NULL,
            deleted_at INTEGER,
            num REAL,
            instance TEXT NOT NULL);
        CREATE INDEX temporal_instances_observed ON temporal_instances (sid, observed_at, num);
        INSERT INTO temporal_entities (tenant, id, types, created_at)
            SELECT h.tenant, h.entity_id,
                   COALESCE((SELECT json_extract(e.body, '$.type') FROM entities e WHERE e.tenant = h.tenant AND e.id = h.entity_id), '[]'),
                   CAST(ROUND((julianday(MIN(h.recorded_at)) - 2440587.5) * 86400000.0) AS INTEGER) * 1000
            FROM attribute_history h GROUP BY h.tenant, h.entity_id;
        INSERT INTO temporal_types (tenant, type, tid)
            SELECT t.tenant, j.value, t.tid FROM temporal_entities t, json_each(t.types) j;
        INSERT OR IGNORE INTO temporal_series (tid, attribute, dataset_id)
            SELECT t.tid, h.attribute, COALESCE(json_extract(h.instance, '$.datasetId'), '')
            FROM attribute_history h JOIN temporal_entities t ON t.tenant = h.tenant AND t.id = h.entity_id;
        INSERT INTO temporal_instances (sid, observed_at, created_at, modified_at, num, instance)
            SELECT s.sid,
                   CAST(ROUND((julianday(json_extract(h.instance, '$.observedAt')) - 2440587.5) * 86400000.0) AS INTEGER) * 1000,
                   CAST(ROUND((julianday(h.recorded_at) - 2440587.5) * 86400000.0) AS INTEGER) * 1000,
                   CAST(ROUND((julianday(h.recorded_at) - 2440587.5) * 86400000.0) AS INTEGER) * 1000,
                   CASE json_type(h.instance, '$.value') WHEN 'integer' THEN json_extract(h.instance, '$.value')
                        WHEN 'real' THEN json_extract(h.instance, '$.value') END,
                   h.instance
            FROM attribute_history h
            JOIN temporal_entities t ON t.tenant = h.tenant AND t.id = h.entity_id
            JOIN temporal_series s ON s.tid = t.tid AND s.attribute = h.attribute
                 AND s.dataset_id = COALESCE(json_extract(h.instance, '$.datasetId'), '')
            ORDER BY h.hid;
        DROP TABLE attribute_history;
        """,
        // The value index keyed by entity, attribute and position: an update that changes a reading rewrites one row in
        // place and only the index of the column that changed, where it used to delete and insert a row in four b-trees.
        """
        CREATE TABLE attr_values_keyed (
            seq INTEGER NOT NULL,
            attribute TEXT NOT NULL,
            n INTEGER NOT NULL,
            tenant TEXT NOT NULL,
            num REAL,
            str TEXT,
            PRIMARY KEY (seq, attribute, n)) WITHOUT ROWID;
        INSERT INTO attr_values_keyed (seq, attribute, n, tenant, num, str)
            SELECT seq, attribute, ROW_NUMBER() OVER (PARTITION BY seq, attribute ORDER BY rowid) - 1, tenant, num, str FROM attr_values;
        DROP TABLE attr_values;
        ALTER TABLE attr_values_keyed RENAME TO attr_values;
        CREATE INDEX attr_values_num ON attr_values (tenant, attribute, num, seq);
        CREATE INDEX attr_values_str ON attr_values (tenant, attribute, str, seq);
        """,
        TemporalRollups.Migration,
        // MQTT mapping rules managed over the API (configured ones live in configuration only); global, as topics are.
        """
        CREATE TABLE mqtt_mappings (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            modified_at TEXT NOT NULL);
        """,
        // Watch rules managed over the API, per tenant (rules from the rules file live there only).
        """
        CREATE TABLE watch_rules (
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            modified_at TEXT NOT NULL,
            PRIMARY KEY (tenant, id)) WITHOUT ROWID;
        """,
        // How a notification is to be sent (an MQTT endpoint's version and QoS), kept with it like its headers; NULL for HTTP.
        """
        ALTER TABLE notification_outbox ADD COLUMN notifier_info TEXT;
        """,
        // Public warnings (CAP): the current state of each, and every change to it with who made it, for audit.
        """
        CREATE TABLE warnings (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            version INTEGER NOT NULL,
            body TEXT NOT NULL);
        CREATE TABLE warning_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            warning_id TEXT NOT NULL,
            action TEXT NOT NULL,
            user TEXT NOT NULL,
            at TEXT NOT NULL,
            alert TEXT NOT NULL);
        CREATE INDEX warning_events_by_warning ON warning_events (warning_id, seq);
        """,
        // The transparency log: entries and perfect-subtree hashes, append-only (the triggers refuse every change and deletion).
        """
        CREATE TABLE ledger_entries (
            idx INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            body BLOB NOT NULL,
            leaf_hash BLOB NOT NULL,
            recorded_at TEXT NOT NULL);
        CREATE INDEX ledger_entries_by_leaf ON ledger_entries (leaf_hash);
        CREATE TABLE ledger_nodes (
            level INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            hash BLOB NOT NULL,
            PRIMARY KEY (level, idx)) WITHOUT ROWID;
        CREATE TRIGGER ledger_entries_append_only_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
        CREATE TRIGGER ledger_entries_append_only_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
        CREATE TRIGGER ledger_nodes_append_only_update BEFORE UPDATE ON ledger_nodes BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
        CREATE TRIGGER ledger_nodes_append_only_delete BEFORE DELETE ON ledger_nodes BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
        """,
        // Each tenant's pseudonym secrets by version (anonymisation); a rotation adds a version.
        """
        CREATE TABLE pseudonym_keys (
            tenant TEXT NOT NULL,
            version INTEGER NOT NULL,
            secret BLOB NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (tenant, version)) WITHOUT ROWID;
        """,
        // The open-data catalog: dataset definitions, uploaded sources, releases and their files (issue 7).
        """
        CREATE TABLE catalog_datasets (
            id TEXT PRIMARY KEY,
            document TEXT NOT NULL,
            version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            modified_at TEXT NOT NULL,
            withdrawn_at TEXT) WITHOUT ROWID;
        CREATE INDEX catalog_datasets_modified ON catalog_datasets (modified_at);
        CREATE TABLE catalog_sources (
            dataset_id TEXT PRIMARY KEY,
            media_type TEXT NOT NULL,
            body BLOB NOT NULL,
            uploaded_at TEXT NOT NULL);
        CREATE TABLE catalog_releases (
            dataset_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            published_at TEXT,
            manifest BLOB NOT NULL,
            rows INTEGER NOT NULL,
            distributions TEXT NOT NULL,
            held_reason TEXT,
            report TEXT NOT NULL,
            ledger_index INTEGER,
            PRIMARY KEY (dataset_id, number)) WITHOUT ROWID;
        CREATE TABLE catalog_files (
            dataset_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            format TEXT NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (dataset_id, number, format));
        CREATE TRIGGER catalog_files_immutable BEFORE UPDATE ON catalog_files BEGIN SELECT RAISE(ABORT, 'published files never change'); END;
        """,
    ];

    /// <summary>Runs the migrations not yet applied, up to <paramref name="upTo"/> (all by default; tests build older schemas); returns the version reached.</summary>
    public static int Migrate(SqliteConnection connection, int? upTo = null)
    {
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);");
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        for (var v = current; v < (upTo ?? Migrations.Length); v++)
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, Migrations[v], tx);
            Execute(connection, $"INSERT INTO schema_version (version) VALUES ({v + 1});", tx);
            tx.Commit();
            current = v + 1;
        }
        return current;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
