using Stadtkern.Bench;

if (args.Length > 0 && args[0] == "plaintext")
{
    await PlaintextBaseline.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
var options = BenchOptions.Parse(args);
if (options.RunFoundation) await BrokerBenchmark.RunAsync(options);
if (options.RunTemporal) await TemporalBenchmark.RunAsync(options);
if (options.RunNotifications) await NotificationBenchmark.RunAsync(options);
if (options.RunCatalog) await CatalogBenchmark.RunAsync(options);
return 0;
