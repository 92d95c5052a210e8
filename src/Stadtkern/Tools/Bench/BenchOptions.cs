using System.CommandLine;
using Stadtkern.Host.Tools.Check;
using Stadtkern.Host.Tools.Reports;
using Stadtkern.Load;
using Stadtkern.Load.Profiles;

namespace Stadtkern.Host.Tools.Bench;

/// <summary>The flags of <c>stadtkern bench</c> and their checks.</summary>
internal sealed class BenchOptions
{
    private readonly Argument<string> url = new("URL") { Description = "The NGSI-LD endpoint: its address (http://host:1026) or its root (…/ngsi-ld/v1/)." };
    private readonly Option<string> profile = new("--profile", "-p") { Description = $"The load: {ProfileCatalog.Names}.", Required = true };
    private readonly Option<double> duration = new("--duration", "-d") { Description = "Seconds of measured load (per step with --find-capacity; default 10).", DefaultValueFactory = _ => 10 };
    private readonly Option<long?> requests = new("--requests", "-n") { Description = "Stop after this many requests (or at the end of --duration, whichever comes first)." };
    private readonly Option<double?> rate = new("--rate", "-r") { Description = "Requests per second offered, open loop (latency counts from each request's due time); without it closed loop. With --find-capacity the first step's rate (default 10)." };
    private readonly Option<int> concurrency = new("--concurrency", "-c") { Description = "Requests in flight at most (connections; default 16).", DefaultValueFactory = _ => 16 };
    private readonly Option<long> entities = new("--entities") { Description = "Entities of the city to load first (default 10,000; 10,000 to 1,000,000 for real figures).", DefaultValueFactory = _ => 10_000 };
    private readonly Option<int> seed = new("--seed") { Description = "Seed the entities and requests are made from (default 91357).", DefaultValueFactory = _ => 91357 };
    private readonly Option<double> warmUp = new("--warmup") { Description = "Seconds of load before the measurement, not counted (default 2).", DefaultValueFactory = _ => 2 };
    private readonly Option<double> timeout = new("--timeout") { Description = "Seconds one request may take before it counts as a time-out (default 10).", DefaultValueFactory = _ => 10 };
    private readonly Option<string?> tenant = new("--tenant") { Description = "NGSI-LD tenant (NGSILD-Tenant header; MQTT topic segment, default 'default')." };
    private readonly Option<int> batch = new("--batch") { Description = "Entities per request of batch-upsert (default 50).", DefaultValueFactory = _ => 50 };
    private readonly Option<int> subscriptions = new("--subscriptions") { Description = "Subscriptions the city profile makes (default 3).", DefaultValueFactory = _ => 3 };
    private readonly Option<string?> mqtt = new("--mqtt") { Description = "MQTT broker of the mqtt profile, mqtt://host:port (default: the URL's host, port 1883)." };
    private readonly Option<string?> callbackHost = new("--callback-host") { Description = "Host name the target reaches this machine under, for the city profile's notifications (default 127.0.0.1)." };
    private readonly Option<bool> findCapacity = new("--find-capacity", "--ramp") { Description = "Raise the rate step by step (--step-factor) until errors appear or p99 breaks --slo-p99; report the knee and the behaviour past it." };
    private readonly Option<double> sloP99 = new("--slo-p99") { Description = "Latency objective for --find-capacity: p99 in milliseconds (default 100).", DefaultValueFactory = _ => 100 };
    private readonly Option<double> stepFactor = new("--step-factor") { Description = "Rate multiplier from one step to the next (default 1.5).", DefaultValueFactory = _ => 1.5 };
    private readonly Option<int> maxSteps = new("--max-steps") { Description = "Steps of --find-capacity at most (default 20).", DefaultValueFactory = _ => 20 };
    private readonly Option<bool> noBaselines = new("--no-baselines") { Description = "Skip the baselines (Kestrel plaintext, raw SQLite inserts) measured when the target is on this machine." };
    private readonly Option<string?> format = new("--format") { Description = ReportOutput.FormatHelp };
    private readonly Option<string[]> output = new("--output", "-o") { Description = "Write the report to this file instead of standard output, in the format its extension names; may be repeated (-o r.json -o r.html)." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(url);
        foreach (var option in new Option[] { profile, duration, requests, rate, concurrency, entities, seed, warmUp, timeout, tenant, batch, subscriptions, mqtt,
                     callbackHost, findCapacity, sloP99, stepFactor, maxSteps, noBaselines, format, output })
            command.Options.Add(option);
    }

    /// <exception cref="ArgumentException">A flag out of range, with a message naming it.</exception>
    public BenchSettings Read(ParseResult result)
    {
        var name = result.GetValue(profile)!;
        if (!ProfileCatalog.All.ContainsKey(name)) throw new ArgumentException($"--profile '{name}' is not one of {ProfileCatalog.Names}.");
        ReportOutput.Validate(result.GetValue(format));
        var shape = new LoadShape(Seconds(result.GetValue(duration), "--duration"), result.GetValue(rate), result.GetValue(concurrency), result.GetValue(requests),
            Seconds(result.GetValue(timeout), "--timeout")).Validate();
        var count = result.GetValue(entities);
        if (count is < 1 or > 100_000_000) throw new ArgumentException("--entities must be between 1 and 100,000,000.");
        var warm = result.GetValue(warmUp);
        if (warm is < 0 or > 3600) throw new ArgumentException("--warmup must be between 0 and 3600 seconds.");
        var perBatch = result.GetValue(batch);
        if (perBatch is < 1 or > 10_000) throw new ArgumentException("--batch must be between 1 and 10,000.");
        var subscriptionCount = result.GetValue(subscriptions);
        if (subscriptionCount is < 0 or > 1000) throw new ArgumentException("--subscriptions must be between 0 and 1,000.");
        Uri? mqttBroker = result.GetValue(mqtt) is { } m
            ? Uri.TryCreate(m, UriKind.Absolute, out var parsed) && parsed.Scheme == "mqtt" && !parsed.IsDefaultPort ? parsed : throw new ArgumentException($"--mqtt '{m}' is not mqtt://host:port.")
            : null;
        return new BenchSettings(CheckCommand.BrokerRoot(result.GetValue(url)!), name, shape, TimeSpan.FromSeconds(warm), count, result.GetValue(seed), result.GetValue(format), result.GetValue(output) ?? [])
        {
            Tenant = result.GetValue(tenant),
            Batch = perBatch,
            Subscriptions = subscriptionCount,
            Mqtt = mqttBroker,
            CallbackHost = CallbackAddress.Parse(null, result.GetValue(callbackHost)).CallbackHost,
            Capacity = result.GetValue(findCapacity)
                ? new CapacityPlan(shape.Rate ?? 10, result.GetValue(stepFactor), shape.Duration, result.GetValue(sloP99), MaxSteps: result.GetValue(maxSteps)).Validate()
                : null,
            Baselines = !result.GetValue(noBaselines),
        };
    }

    private static TimeSpan Seconds(double value, string flag) =>
        value is > 0 and <= 86_400 ? TimeSpan.FromSeconds(value) : throw new ArgumentException($"{flag} must be more than 0 and at most 86400 seconds.");
}
