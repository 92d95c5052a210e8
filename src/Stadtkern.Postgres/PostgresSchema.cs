using Npgsql;

namespace Stadtkern.Postgres;

/// <summary>
/// The PostgreSQL schema, versioned: each migration runs once, in order, in its own transaction, under an advisory lock so
/// that several nodes starting at once migrate one after the other. Every table that belongs to an entity carries
/// <c>(tenant, entity id)</c> in its key, so that the tables can be distributed with Citus on the entity id and all rows of
/// one entity stay on one node (docs/postgres.md).
/// </summary>
public static class PostgresSchema
{
    /// <summary>The key of the advisory lock held while migrating (any constant of our own).</summary>
    private const long MigrationLock = 0x5374_6164_746B_6D31;

    private static readonly string[] Migrations =
    [
        // Current state: the body as JSONB, the types as an array (GIN), the location's geometry (GiST), and the value
        // index q narrows with (one row per scalar value of an attribute; text compared bytewise, as the evaluator does).
        """
        CREATE EXTENSION IF NOT EXISTS postgis;
        CREATE TABLE entities (
            tenant text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            types text[] COLLATE "C" NOT NULL,
            body jsonb NOT NULL,
            location geometry(Geometry, 4326),
            PRIMARY KEY (tenant, id));
        CREATE INDEX entities_order ON entities (tenant, seq);
        CREATE INDEX entities_types ON entities USING gin (types);
        CREATE INDEX entities_location ON entities USING gist (location);
        CREATE TABLE attr_values (
            tenant text COLLATE "C" NOT NULL,
            entity_id text COLLATE "C" NOT NULL,
            attribute text COLLATE "C" NOT NULL,
            n integer NOT NULL,
            num double precision,
            str text COLLATE "C",
            PRIMARY KEY (tenant, entity_id, attribute, n));
        CREATE INDEX attr_values_num ON attr_values (tenant, attribute, num);
        CREATE INDEX attr_values_str ON attr_values (tenant, attribute, str);
        CREATE TABLE jsonld_contexts (
            id text COLLATE "C" PRIMARY KEY,
            url text COLLATE "C" NOT NULL UNIQUE,
            document jsonb NOT NULL,
            created_at timestamptz NOT NULL,
            kind text NOT NULL);
        """,
        // History: the temporal representation outlives the entity; each attribute (and datasetId) is a series; instances
        // are range-partitioned by the month they were recorded in (partitions made on demand, dropped by retention).
        """
        CREATE TABLE temporal_entities (
            tenant text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            tid bigint GENERATED ALWAYS AS IDENTITY,
            types text[] COLLATE "C" NOT NULL,
            scope jsonb,
            created_at timestamptz NOT NULL,
            deleted_at timestamptz,
            PRIMARY KEY (tenant, id));
        CREATE INDEX temporal_entities_order ON temporal_entities (tenant, tid);
        CREATE INDEX temporal_entities_types ON temporal_entities USING gin (types);
        CREATE TABLE temporal_series (
            tenant text COLLATE "C" NOT NULL,
            entity_id text COLLATE "C" NOT NULL,
            attribute text COLLATE "C" NOT NULL,
            dataset_id text COLLATE "C" NOT NULL DEFAULT '',
            sid bigint GENERATED ALWAYS AS IDENTITY,
            PRIMARY KEY (tenant, entity_id, attribute, dataset_id));
        CREATE INDEX temporal_series_sid ON temporal_series (sid);
        CREATE TABLE temporal_instances (
            tenant text COLLATE "C" NOT NULL,
            entity_id text COLLATE "C" NOT NULL,
            sid bigint NOT NULL,
            iid bigint GENERATED ALWAYS AS IDENTITY,
            observed_at timestamptz,
            created_at timestamptz NOT NULL,
            modified_at timestamptz NOT NULL,
            deleted_at timestamptz,
            num double precision,
            instance jsonb NOT NULL)
            PARTITION BY RANGE (created_at);
        CREATE INDEX temporal_instances_series ON temporal_instances (sid, observed_at, num);
        CREATE INDEX temporal_instances_entity ON temporal_instances (tenant, entity_id);
        CREATE INDEX temporal_instances_iid ON temporal_instances (iid);
        """,
        // Subscriptions with their delivery state, and the notification outbox written in the change's own transaction.
        """
        CREATE TABLE subscriptions (
            tenant text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            body jsonb NOT NULL,
            created_at timestamptz NOT NULL,
            modified_at timestamptz NOT NULL,
            times_sent bigint NOT NULL DEFAULT 0,
            times_failed bigint NOT NULL DEFAULT 0,
            last_notification timestamptz,
            last_success timestamptz,
            last_failure timestamptz,
            delivery_status text,
            PRIMARY KEY (tenant, id));
        CREATE INDEX subscriptions_order ON subscriptions (tenant, seq);
        CREATE TABLE notification_outbox (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            tenant text COLLATE "C" NOT NULL,
            subscription_id text COLLATE "C" NOT NULL,
            uri text NOT NULL,
            headers jsonb NOT NULL,
            body text NOT NULL,
            created_at timestamptz NOT NULL,
            notifier_info jsonb);
        CREATE INDEX notification_outbox_queue ON notification_outbox (tenant, subscription_id, seq);
        """,
        // MQTT mapping rules and public warnings are global; watch rules are per tenant.
        """
        CREATE TABLE mqtt_mappings (
            seq bigint GENERATED ALWAYS AS IDENTITY,
            id text COLLATE "C" PRIMARY KEY,
            body jsonb NOT NULL,
            created_at timestamptz NOT NULL,
            modified_at timestamptz NOT NULL);
        CREATE TABLE watch_rules (
            tenant text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            body jsonb NOT NULL,
            created_at timestamptz NOT NULL,
            modified_at timestamptz NOT NULL,
            PRIMARY KEY (tenant, id));
        CREATE TABLE warnings (
            seq bigint GENERATED ALWAYS AS IDENTITY,
            id text COLLATE "C" PRIMARY KEY,
            version integer NOT NULL,
            body jsonb NOT NULL);
        CREATE TABLE warning_events (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            warning_id text COLLATE "C" NOT NULL,
            action text NOT NULL,
            user_name text NOT NULL,
            at text NOT NULL,
            alert jsonb NOT NULL);
        CREATE INDEX warning_events_by_warning ON warning_events (warning_id, seq);
        """,
        // The transparency log (append-only: the triggers refuse every change, deletion and truncation) and the
        // tenants' pseudonym secrets by version.
        """
        CREATE TABLE ledger_entries (
            idx bigint PRIMARY KEY,
            kind text NOT NULL,
            body bytea NOT NULL,
            leaf_hash bytea NOT NULL,
            recorded_at timestamptz NOT NULL);
        CREATE INDEX ledger_entries_by_leaf ON ledger_entries (leaf_hash);
        CREATE TABLE ledger_nodes (
            level integer NOT NULL,
            idx bigint NOT NULL,
            hash bytea NOT NULL,
            PRIMARY KEY (level, idx));
        CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the ledger is append-only';
        END $$;
        CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
        CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
        CREATE TRIGGER ledger_nodes_append_only BEFORE UPDATE OR DELETE ON ledger_nodes FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
        CREATE TRIGGER ledger_nodes_no_truncate BEFORE TRUNCATE ON ledger_nodes FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
        CREATE TABLE pseudonym_keys (
            tenant text COLLATE "C" NOT NULL,
            version integer NOT NULL,
            secret bytea NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (tenant, version));
        """,
        // The open-data catalog: dataset definitions, uploaded sources, releases and their files (issue 7).
        """
        CREATE TABLE catalog_datasets (
            id text COLLATE "C" PRIMARY KEY,
            document jsonb NOT NULL,
            version integer NOT NULL,
            created_at timestamptz NOT NULL,
            modified_at timestamptz NOT NULL,
            withdrawn_at timestamptz);
        CREATE INDEX catalog_datasets_modified ON catalog_datasets (modified_at);
        CREATE TABLE catalog_sources (
            dataset_id text COLLATE "C" PRIMARY KEY,
            media_type text NOT NULL,
            body bytea NOT NULL,
            uploaded_at timestamptz NOT NULL);
        CREATE TABLE catalog_releases (
            dataset_id text COLLATE "C" NOT NULL,
            number integer NOT NULL,
            status text NOT NULL,
            created_at timestamptz NOT NULL,
            published_at timestamptz,
            manifest bytea NOT NULL,
            rows bigint NOT NULL,
            distributions jsonb NOT NULL,
            held_reason text,
            report jsonb NOT NULL,
            ledger_index bigint,
            PRIMARY KEY (dataset_id, number));
        CREATE TABLE catalog_files (
            dataset_id text COLLATE "C" NOT NULL,
            number integer NOT NULL,
            format text NOT NULL,
            body bytea NOT NULL,
            PRIMARY KEY (dataset_id, number, format));
        CREATE FUNCTION catalog_files_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'published files never change'; END $$;
        CREATE TRIGGER catalog_files_immutable BEFORE UPDATE ON catalog_files FOR EACH ROW EXECUTE FUNCTION catalog_files_immutable();
        """,
    ];

    /// <summary>The version the code expects.</summary>
    public static int Latest => Migrations.Length;

    /// <summary>Runs the migrations not yet applied, up to <paramref name="upTo"/> (all by default); returns the schema version reached.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource source, CancellationToken cancellation, int? upTo = null)
    {
        await using var connection = await source.OpenConnectionAsync(cancellation);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellation);
        try
        {
            await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellation);
            var current = await VersionAsync(connection, cancellation);
            if (current > Migrations.Length)
                throw new InvalidOperationException($"The database's schema is version {current}, newer than this Stadtkern knows ({Migrations.Length}); upgrade Stadtkern.");
            for (var v = current; v < (upTo ?? Migrations.Length); v++)
            {
                await using var tx = await connection.BeginTransactionAsync(cancellation);
                await ExecuteAsync(connection, tx, Migrations[v], cancellation);
                await using var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES (@v)", connection, tx);
                record.Parameters.AddWithValue("v", v + 1);
                await record.ExecuteNonQueryAsync(cancellation);
                await tx.CommitAsync(cancellation);
            }
            return await VersionAsync(connection, cancellation);
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
    }

    private static async Task<int> VersionAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection);
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellation), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
