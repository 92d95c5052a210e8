using Stadtkern.Bench;

if (args.Length > 0 && args[0] == "plaintext")
{
    await PlaintextBaseline.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
return await BrokerBenchmark.RunAsync(BenchOptions.Parse(args));
