using Stadtkern.Postgres;
using Stadtkern.Sqlite;
using Stadtkern.Store;

namespace Stadtkern.Host.Migration;

/// <summary>The two ends of <c>migrate --from sqlite:DIR --to postgres:CONNECTION</c>.</summary>
internal static class MigrationEndpoints
{
    /// <summary>Opens (and migrates the schema of) a store named <c>sqlite:DIR</c> or <c>postgres:CONNECTION</c>.</summary>
    public static async Task<IEntityStore> OpenAsync(string endpoint, CancellationToken cancellation)
    {
        var colon = endpoint.IndexOf(':', StringComparison.Ordinal);
        var (kind, place) = colon < 0 ? (endpoint, "") : (endpoint[..colon].ToLowerInvariant(), endpoint[(colon + 1)..]);
        if (place.Length == 0) throw new StoreSelectionException($"'{endpoint}' names no store: write sqlite:DIRECTORY or postgres:CONNECTION-STRING.");
        IEntityStore store = kind switch
        {
            StoreSelection.Sqlite => new SqliteEntityStore(place),
            StoreSelection.Postgres or "postgresql" => Postgres(place),
            _ => throw new StoreSelectionException($"Unknown store '{kind}' in '{endpoint}': choose sqlite:DIRECTORY or postgres:CONNECTION-STRING."),
        };
        try
        {
            await StoreSelection.OpenAsync(store, cancellation);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private static PostgresEntityStore Postgres(string connection)
    {
        try
        {
            return new PostgresEntityStore(connection);
        }
        catch (ArgumentException e)
        {
            throw new StoreSelectionException($"The PostgreSQL connection string is not valid: {e.Message}");
        }
    }
}
