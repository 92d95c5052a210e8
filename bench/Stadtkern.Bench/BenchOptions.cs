using System.Globalization;

namespace Stadtkern.Bench;

/// <summary>
/// Benchmark settings from the command line: <c>--entities N --duration S --connections C --rss-entities M --out DIR</c>,
/// the suites <c>--publication</c> (publication of a dataset, issue 7; <c>--publication-rows N</c>), <c>--temporal</c> (the temporal figures of issue 4), <c>--notifications</c> (notification latency, issue 5;
/// <c>--notify-rate --notify-subscriptions --notify-entities --notify-concurrency</c>) or <c>--all</c> (every suite; the
/// default is the foundation suite alone), the temporal sizes <c>--aggregate-instances --lastn-entities --ingest-entities
/// --ingest-batch --ingest-connections</c>, and <c>--broker PATH</c> (the broker's stadtkern.dll, for a build elsewhere).
/// </summary>
internal sealed record BenchOptions(int Entities, int DurationSeconds, int Connections, int RssEntities, string OutputDirectory, string RepositoryRoot)
{
    public bool RunFoundation { get; init; } = true;

    public bool RunTemporal { get; init; }

    public bool RunNotifications { get; init; }

    public bool RunCatalog { get; init; }

    /// <summary>Rows of the publication benchmark's dataset (issue 7).</summary>
    public int CatalogRows { get; init; } = 1_000_000;

    /// <summary>Updates per second in the notification benchmark, to <see cref="NotifyEntities"/> entities that <see cref="NotifySubscriptions"/> subscriptions watch.</summary>
    public int NotifyRate { get; init; } = 1000;

    public int NotifySubscriptions { get; init; } = 10;

    public int NotifyEntities { get; init; } = 100;

    /// <summary>Requests the notification benchmark's client keeps in flight at most.</summary>
    public int NotifyConcurrency { get; init; } = 64;

    public string BrokerPath { get; init; } = "";

    /// <summary>Instances of the one attribute of the entity that temporal-aggregate reads.</summary>
    public int AggregateInstances { get; init; } = 100_000;

    /// <summary>Entities that temporal-lastn answers with (one page).</summary>
    public int LastNEntities { get; init; } = 1000;

    /// <summary>Entities that ingest-batch cycles through; each request upserts <see cref="IngestBatch"/> of them.</summary>
    public int IngestEntities { get; init; } = 1000;

    public int IngestBatch { get; init; } = 100;

    public int IngestConnections { get; init; } = 4;

    public static BenchOptions Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        int Int(string name, string fallback) => int.Parse(Arg(name, fallback), CultureInfo.InvariantCulture);
        var root = FindRoot();
        var all = args.Contains("--all");
        var temporal = all || args.Contains("--temporal");
        var notifications = all || args.Contains("--notifications");
        var catalog = all || args.Contains("--publication");
        return new BenchOptions(
            Int("--entities", "100000"),
            Int("--duration", "10"),
            Int("--connections", "32"),
            Int("--rss-entities", "0"),
            Arg("--out", Path.Combine(root, "bench", "results")),
            root)
        {
            RunFoundation = all || !(temporal || notifications || catalog),
            RunCatalog = catalog,
            CatalogRows = Int("--publication-rows", "1000000"),
            RunTemporal = temporal,
            RunNotifications = notifications,
            NotifyRate = Int("--notify-rate", "1000"),
            NotifySubscriptions = Int("--notify-subscriptions", "10"),
            NotifyEntities = Int("--notify-entities", "100"),
            NotifyConcurrency = Int("--notify-concurrency", "64"),
            BrokerPath = Path.GetFullPath(Arg("--broker", Path.Combine(root, "src", "Stadtkern", "bin", "Release", "net10.0", "stadtkern.dll"))),
            AggregateInstances = Int("--aggregate-instances", "100000"),
            LastNEntities = Int("--lastn-entities", "1000"),
            IngestEntities = Int("--ingest-entities", "1000"),
            IngestBatch = Int("--ingest-batch", "100"),
            IngestConnections = Int("--ingest-connections", "4"),
        };
    }

    /// <summary>The repository: above the benchmark's own build, or else above the working directory (for a build outside the tree).</summary>
    private static string FindRoot()
    {
        static DirectoryInfo? Above(string start)
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stadtkern.slnx"))) dir = dir.Parent;
            return dir;
        }
        return (Above(AppContext.BaseDirectory) ?? Above(Environment.CurrentDirectory))?.FullName
            ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
