using System.CommandLine;
using System.Reflection;

namespace Stadtkern.Host;

/// <summary>The command line: <c>serve</c>, <c>demo</c>, <c>lake</c>, <c>import</c>, <c>migrate</c>, <c>verify</c>, <c>check</c>, <c>bench</c> and the global <c>--help</c>/<c>--version</c>.</summary>
internal static class Cli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Stadtkern — an open urban data platform: NGSI-LD context broker, history, open data, monitoring.");
        root.Subcommands.Add(ServeCommand("serve", "Run the NGSI-LD broker (on the embedded store unless --store postgres).", seed: false));
        root.Subcommands.Add(ServeCommand("demo", "Run the broker on a data directory pre-filled with a small sample city.", seed: true));
        root.Subcommands.Add(LakeCommand.Build());
        root.Subcommands.Add(ImportCommand.Build());
        root.Subcommands.Add(MigrateCommand.Build());
        root.Subcommands.Add(Verify.VerifyCommand.Build());
        root.Subcommands.Add(Tools.Check.CheckCommand.Build());
        root.Subcommands.Add(Tools.Bench.BenchCommand.Build());
        return root;
    }

    private static Command ServeCommand(string name, string description, bool seed)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:1026)." };
        var data = new Option<string?>("--data") { Description = "Data directory (default ./stadtkern-data; demo: ./stadtkern-demo)." };
        var mqttPort = new Option<int?>("--mqtt-port") { Description = "Port of the in-process MQTT broker for devices (default 1883; 0 switches it off)." };
        var mqttBroker = new Option<string?>("--mqtt-broker") { Description = "Take device messages from this external MQTT broker (mqtt://host:port) instead of running one." };
        var sharedGroup = new Option<string?>("--mqtt-shared-group")
        {
            Description = "With --mqtt-broker: subscribe as this shared-subscription group ($share/GROUP/...), so the broker spreads device traffic over the nodes.",
        };
        var clientId = new Option<string?>("--mqtt-client-id") { Description = "With --mqtt-broker: this node's MQTT client id (each node needs its own)." };
        var (store, connection) = StoreOptions();
        var command = new Command(name, description) { urls, data, mqttPort, mqttBroker, sharedGroup, clientId, store, connection };
        command.SetAction(async (result, cancellation) =>
        {
            var app = WebHost.Build([], options =>
            {
                ApplyStore(result, store, connection, options);
                if (result.GetValue(urls) is { } u) options.Urls = u;
                if (result.GetValue(data) is { } d) options.DataDirectory = d;
                if (result.GetValue(mqttPort) is { } port) options.MqttPort = port;
                if (result.GetValue(mqttBroker) is { } broker) options.MqttBroker = broker;
                if (result.GetValue(sharedGroup) is { } group) options.MqttSharedGroup = group;
                if (result.GetValue(clientId) is { } client) options.MqttClientId = client;
                if (result.GetValue(data) is null && seed) options.DataDirectory = "./stadtkern-demo";
                options.SeedSampleCity |= seed;
            });
            try
            {
                await StoreSelection.CheckAsync(app.Services.GetRequiredService<StadtkernOptions>(), cancellation);
            }
            catch (StoreSelectionException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
            await app.RunAsync(cancellation);
            return 0;
        });
        return command;
    }

    /// <summary>The storage flags of <c>serve</c>, <c>demo</c> and <c>migrate</c>.</summary>
    public static (Option<string?> Store, Option<string?> Connection) StoreOptions() =>
        (new Option<string?>("--store") { Description = "Storage backend: sqlite (default, in the data directory) or postgres." },
         new Option<string?>("--connection") { Description = "PostgreSQL connection string for --store postgres: \"Host=...;Port=...;Username=...;Password=...;Database=...\"." });

    public static void ApplyStore(ParseResult result, Option<string?> store, Option<string?> connection, StadtkernOptions options)
    {
        if (result.GetValue(store) is { } s) options.Store = s;
        if (result.GetValue(connection) is { } c) options.Connection = c;
    }

    public static string Version =>
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
