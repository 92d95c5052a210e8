using System.Globalization;

namespace Stadtkern.Bench;

/// <summary>Benchmark settings from the command line: <c>--entities N --duration S --connections C --rss-entities M --out DIR</c>.</summary>
internal sealed record BenchOptions(int Entities, int DurationSeconds, int Connections, int RssEntities, string OutputDirectory, string RepositoryRoot)
{
    public static BenchOptions Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var root = FindRoot();
        return new BenchOptions(
            int.Parse(Arg("--entities", "100000"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--duration", "10"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--connections", "32"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--rss-entities", "0"), CultureInfo.InvariantCulture),
            Arg("--out", Path.Combine(root, "bench", "results")),
            root);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stadtkern.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
