using System.CommandLine;
using Stadtkern.Host.Migration;

namespace Stadtkern.Host;

/// <summary>
/// <c>stadtkern migrate [--store postgres --connection ...] [--data DIR]</c>: brings the store's schema up to date and says
/// its version; <c>stadtkern migrate --from sqlite:DIR --to postgres:CONNECTION [--force]</c>: moves an embedded
/// installation to PostgreSQL and verifies it.
/// </summary>
internal static class MigrateCommand
{
    public static Command Build()
    {
        var data = new Option<string?>("--data") { Description = "Data directory of the embedded store (default ./stadtkern-data)." };
        var (store, connection) = Cli.StoreOptions();
        var from = new Option<string?>("--from") { Description = "Move everything from this store (sqlite:DIRECTORY) ..." };
        var to = new Option<string?>("--to") { Description = "... to this one (postgres:CONNECTION-STRING), then compare counts and checksums of each kind." };
        var force = new Option<bool>("--force") { Description = "With --from/--to: copy even when the target already holds data." };
        var command = new Command("migrate", "Run the schema migrations of the store (they also run when the server starts) and print the schema version; or move a store with --from/--to.")
        {
            data, store, connection, from, to, force,
        };
        command.SetAction(async (result, cancellation) =>
        {
            if (result.GetValue(from) is { } source)
                return await MoveAsync(source, result.GetValue(to), result.GetValue(force), cancellation);
            var options = WebHost.ReadOptions(o =>
            {
                if (result.GetValue(data) is { } d) o.DataDirectory = d;
                Cli.ApplyStore(result, store, connection, o);
            });
            try
            {
                // The embedded store is one process's: a running server on the same folder is refused, as import does.
                using var folder = options.Store.Trim().Equals(StoreSelection.Sqlite, StringComparison.OrdinalIgnoreCase) || options.Store.Length == 0
                    ? DataDirectoryLock.Acquire(options.DataDirectory) : null;
                await using var opened = StoreSelection.Create(options);
                var version = await StoreSelection.OpenAsync(opened, cancellation);
                Console.WriteLine($"{opened.Description}: schema version {version}");
                return 0;
            }
            catch (Exception e) when (e is StoreSelectionException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return command;
    }

    /// <summary>0 when every kind arrived whole, 3 when a count or checksum differs, 2 when the move could not start.</summary>
    public static async Task<int> MoveAsync(string from, string? to, bool force, CancellationToken cancellation)
    {
        if (to is null)
        {
            await Console.Error.WriteLineAsync("--from needs --to (postgres:CONNECTION-STRING).");
            return 2;
        }
        try
        {
            // Nobody writes to the embedded source meanwhile: a server running on it is refused.
            using var folder = from.StartsWith(StoreSelection.Sqlite + ":", StringComparison.OrdinalIgnoreCase)
                ? DataDirectoryLock.Acquire(from[(StoreSelection.Sqlite.Length + 1)..]) : null;
            await using var source = await MigrationEndpoints.OpenAsync(from, cancellation);
            await using var target = await MigrationEndpoints.OpenAsync(to, cancellation);
            var compared = await new StoreMigration(source, target, Console.Error).RunAsync(force, cancellation);
            if (compared is null)
            {
                await Console.Error.WriteLineAsync($"{target.Description} already holds data; nothing was copied. Use --force to copy into it anyway.");
                return 2;
            }
            foreach (var kind in compared)
                Console.WriteLine($"{kind.Kind,-15} {kind.SourceCount,10:N0} -> {kind.TargetCount,10:N0}  {(kind.Same ? "same" : "DIFFERENT")}");
            var whole = compared.All(k => k.Same);
            Console.WriteLine(whole ? $"Moved to {target.Description}; every kind's count and checksum match." : "The target differs from the source: see the kinds marked DIFFERENT.");
            return whole ? 0 : 3;
        }
        catch (Exception e) when (e is StoreSelectionException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
    }
}
