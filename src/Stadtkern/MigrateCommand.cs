using System.CommandLine;

namespace Stadtkern.Host;

/// <summary><c>stadtkern migrate [--store postgres --connection ...] [--data DIR]</c>: brings the store's schema up to date and says its version.</summary>
internal static class MigrateCommand
{
    public static Command Build()
    {
        var data = new Option<string?>("--data") { Description = "Data directory of the embedded store (default ./stadtkern-data)." };
        var (store, connection) = Cli.StoreOptions();
        var command = new Command("migrate", "Run the schema migrations of the store (they also run when the server starts) and print the schema version.")
        {
            data, store, connection,
        };
        command.SetAction(async (result, cancellation) =>
        {
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
}
