namespace Stadtkern.Tests.Store.Contract;

// Each contract suite, once per backend. A difference between the two is a bug, or a written exception with a test of its own.

public sealed class SqliteEntityStoreContract(SqliteBackend backend) : EntityStoreContract<SqliteBackend>(backend);

public sealed class PostgresEntityStoreContract(PostgresBackend backend) : EntityStoreContract<PostgresBackend>(backend);

public sealed class SqliteEntityQueryContract(SqliteBackend backend) : EntityQueryContract<SqliteBackend>(backend);

public sealed class PostgresEntityQueryContract(PostgresBackend backend) : EntityQueryContract<PostgresBackend>(backend);

public sealed class SqliteTemporalStoreContract(SqliteBackend backend) : TemporalStoreContract<SqliteBackend>(backend);

public sealed class PostgresTemporalStoreContract(PostgresBackend backend) : TemporalStoreContract<PostgresBackend>(backend);

public sealed class SqliteSubscriptionStoreContract(SqliteBackend backend) : SubscriptionStoreContract<SqliteBackend>(backend);

public sealed class PostgresSubscriptionStoreContract(PostgresBackend backend) : SubscriptionStoreContract<PostgresBackend>(backend);

public sealed class SqliteRegistryStoreContract(SqliteBackend backend) : RegistryStoreContract<SqliteBackend>(backend);

public sealed class PostgresRegistryStoreContract(PostgresBackend backend) : RegistryStoreContract<PostgresBackend>(backend);

public sealed class SqliteIntegrityStoreContract(SqliteBackend backend) : IntegrityStoreContract<SqliteBackend>(backend);

public sealed class PostgresIntegrityStoreContract(PostgresBackend backend) : IntegrityStoreContract<PostgresBackend>(backend);

public sealed class SqliteCatalogStoreContract(SqliteBackend backend) : CatalogStoreContract<SqliteBackend>(backend);

public sealed class PostgresCatalogStoreContract(PostgresBackend backend) : CatalogStoreContract<PostgresBackend>(backend);
