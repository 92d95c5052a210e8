using System.Diagnostics;
using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Catalog.Support;

/// <summary>
/// Runs the Node script in Catalog/Dcat/shacl: the official DCAT-AP.de 3.0 shapes from <c>shared/dcat-ap-de</c> over
/// our documents with <c>rdf-validate-shacl</c> (scripts/test.sh installs its npm packages). Without Node or the packages
/// a test skips with the reason on a developer's machine and fails when <c>CI=true</c>.
/// </summary>
public static class ShaclValidator
{
    public const string FolderVariable = "STADTKERN_SHACL_VALIDATOR";
    public const string DataVariable = "STADTKERN_DCAT_AP_DE_DATA";

    /// <summary>The outcome for one document: triples read, results by severity, and each result.</summary>
    public sealed record Outcome(string File, int Triples, int Violations, int Warnings, IReadOnlyList<JsonObject> Results)
    {
        public string Describe() => $"{File}: {Violations} violation(s)\n" + string.Join('\n', Results
            .Where(r => (string?)r["severity"] == "Violation")
            .Select(r => $"  {r["focus"]} {r["path"]} {r["value"]}: {r["message"]}"));
    }

    /// <summary>Validates each document (its extension says the syntax: .ttl, .rdf, .jsonld).</summary>
    public static async Task<IReadOnlyList<Outcome>> ValidateAsync(params string[] files)
    {
        var data = SharedData.Locate("dcat-ap-de", "INDEX.md", DataVariable);
        var lines = await RunAsync([data, .. files]);
        return [.. lines.Select(line =>
        {
            if (line["error"] is { } error) Assert.Fail($"{line["file"]} could not be read: {error}");
            return new Outcome((string)line["file"]!, (int)line["triples"]!, (int)line["violations"]!, (int)line["warnings"]!,
                [.. line["results"]!.AsArray().Select(r => r!.AsObject())]);
        })];
    }

    /// <summary>Each document's triples as sorted N-Triples lines (blank nodes as _:b), as the npm parsers read them.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> ParseAsync(params string[] files)
    {
        var lines = await RunAsync(["--parse-only", .. files]);
        return [.. lines.Select(line =>
        {
            if (line["error"] is { } error) Assert.Fail($"{line["file"]} could not be read: {error}");
            return (IReadOnlyList<string>)[.. line["triples"]!.AsArray().Select(t => (string)t!)];
        })];
    }

    private static async Task<List<JsonObject>> RunAsync(string[] arguments)
    {
        var folder = Folder();
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(folder, "validate.mjs"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"The SHACL script failed ({process.ExitCode}): {await errors}");
        return [.. (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
    }

    /// <summary>The script's folder with its installed packages, or a skip (a failure on CI) saying what is missing.</summary>
    private static string Folder()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured ? configured : Find();
        string? missing = null;
        if (folder is null) missing = "the folder tests/Stadtkern.Tests/Catalog/Dcat/shacl was not found";
        else if (!Directory.Exists(Path.Combine(folder, "node_modules", "rdf-validate-shacl")))
            missing = $"its npm packages are not installed (cd {folder} && npm ci; scripts/test.sh does it)";
        else if (!OnPath("node")) missing = "node is not installed";
        if (missing is null) return folder!;
        var message = $"The DCAT-AP.de SHACL validation cannot run: {missing}.";
        if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException($"CI=true, but {message}");
        Skip.If(true, message);
        return "";
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Catalog", "Dcat", "shacl");
            if (File.Exists(Path.Combine(candidate, "validate.mjs"))) return candidate;
        }
        return null;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));
}
