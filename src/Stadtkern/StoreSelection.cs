using System.Net.Sockets;
using Npgsql;
using Stadtkern.Postgres;
using Stadtkern.Sqlite;
using Stadtkern.Store;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host;

/// <summary>
/// The storage backend chosen by <see cref="StadtkernOptions.Store"/>: one object that serves every storage interface of
/// the core, registered once for each. What can go wrong in choosing or reaching it is said in one sentence here, as a
/// <see cref="StoreSelectionException"/>, not as a driver's stack trace.
/// </summary>
internal static class StoreSelection
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>Makes the chosen store (not yet opened).</summary>
    public static IEntityStore Create(StadtkernOptions options)
    {
        switch (options.Store.Trim().ToLowerInvariant())
        {
            case "" or Sqlite:
                return new SqliteEntityStore(options.DataDirectory);
            case Postgres or "postgresql":
                if (string.IsNullOrWhiteSpace(options.Connection))
                    throw new StoreSelectionException("--store postgres needs --connection \"Host=...;Username=...;Database=...\" (or Stadtkern:Connection / STADTKERN_CONNECTION).");
                try
                {
                    return new PostgresEntityStore(options.Connection);
                }
                catch (ArgumentException e)
                {
                    throw new StoreSelectionException($"The PostgreSQL connection string is not valid: {e.Message}");
                }
            default:
                throw new StoreSelectionException($"Unknown store '{options.Store}': choose sqlite or postgres.");
        }
    }

    /// <summary>Opens (and migrates) a store, saying in one sentence why when it cannot be reached or used; returns the schema version.</summary>
    public static Task<int> OpenAsync(IEntityStore store, CancellationToken cancellation) => Explained(store, async () =>
    {
        await store.InitializeAsync(cancellation);
        return store switch
        {
            PostgresEntityStore postgres => postgres.SchemaVersion,
            SqliteEntityStore sqlite => sqlite.SchemaVersion,
            _ => 0,
        };
    });

    /// <summary>
    /// Before a server starts: the choice is valid and a database store is reachable and migrated, so that a wrong
    /// connection string ends the command with one clear sentence, before the host starts and logs.
    /// </summary>
    public static async Task CheckAsync(StadtkernOptions options, CancellationToken cancellation)
    {
        await using var store = Create(options);
        if (store is PostgresEntityStore postgres) await Explained(store, () => postgres.MigrateAsync(cancellation));
    }

    private static async Task<T> Explained<T>(IEntityStore store, Func<Task<T>> open)
    {
        try
        {
            return await open();
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            var reason = e is PostgresException p ? p.MessageText : e.InnerException?.Message ?? e.Message;
            throw new StoreSelectionException($"Cannot open the store ({store.Description}): {reason}");
        }
    }

    /// <summary>Registers the chosen store for every storage interface.</summary>
    public static IServiceCollection AddStore(this IServiceCollection services, StadtkernOptions options)
    {
        services.AddSingleton(_ => Create(options));
        services.AddSingleton(sp => As<IContextRegistry>(sp));
        services.AddSingleton(sp => As<ITemporalStore>(sp));
        services.AddSingleton(sp => As<IHistoryRetention>(sp));
        services.AddSingleton(sp => As<IMappingRuleStore>(sp));
        services.AddSingleton(sp => As<IWatchRuleStore>(sp));
        services.AddSingleton(sp => As<IWarningStore>(sp));
        services.AddSingleton(sp => As<ISubscriptionStore>(sp));
        services.AddSingleton(sp => As<Ledger.ILedgerStore>(sp));
        services.AddSingleton(sp => As<Anonymisation.IPseudonymKeyStore>(sp));
        services.AddSingleton(sp => As<Catalog.ICatalogStore>(sp));
        return services;
    }

    private static T As<T>(IServiceProvider services) where T : class
    {
        var store = services.GetRequiredService<IEntityStore>();
        return store as T ?? throw new StoreSelectionException($"The store {store.Description} does not implement {typeof(T).Name}.");
    }
}

/// <summary>The store cannot be chosen, reached or used; the message says why and what to do.</summary>
internal sealed class StoreSelectionException(string message) : Exception(message);
