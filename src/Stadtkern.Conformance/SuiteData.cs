using System.Text.Json.Nodes;

namespace Stadtkern.Conformance;

/// <summary>The shared copy of the ETSI suite's data (<c>shared/etsi-ngsi-ld</c>): payloads, expectations and the suite's own @context files.</summary>
/// <remarks>Some files are deliberately not valid JSON, so files are read as text; <see cref="TryParse"/> parses when it can.</remarks>
public sealed class SuiteData
{
    /// <summary>Environment variable naming the <c>etsi-ngsi-ld</c> folder, for runs outside a checkout.</summary>
    public const string EnvironmentVariable = "STADTKERN_ETSI_DATA";

    private static readonly string[] FolderBelowAncestor = ["shared", "etsi-ngsi-ld"];

    public SuiteData(string root)
    {
        if (!Directory.Exists(Path.Combine(root, "data")))
        {
            throw new DirectoryNotFoundException($"'{root}' is not the suite's data folder: it has no data/ subfolder.");
        }

        Root = Path.GetFullPath(root);
    }

    /// <summary>The <c>etsi-ngsi-ld</c> folder.</summary>
    public string Root { get; }

    /// <summary>The folder the payload paths of the cases are relative to.</summary>
    public string DataFolder => Path.Combine(Root, "data");

    /// <summary>The folder holding the suite's own @context files.</summary>
    public string ContextsFolder => Path.Combine(Root, "jsonld-contexts");

    /// <summary>Finds the folder from <see cref="EnvironmentVariable"/>, or by walking up from the app and the current directory.</summary>
    public static SuiteData Locate() =>
        TryLocate() ?? throw new DirectoryNotFoundException(
            $"The ETSI suite data was not found: set {EnvironmentVariable} to the etsi-ngsi-ld folder, " +
            "or run from below a folder that has shared/etsi-ngsi-ld.");

    /// <summary>As <see cref="Locate"/>, or null when nothing is found.</summary>
    public static SuiteData? TryLocate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return new SuiteData(configured);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine([dir.FullName, .. FolderBelowAncestor]);
                if (Directory.Exists(Path.Combine(candidate, "data")))
                {
                    return new SuiteData(candidate);
                }
            }
        }

        return null;
    }

    /// <summary>Whether a file exists below <c>data/</c>.</summary>
    public bool Exists(string dataPath) => File.Exists(DataFile(dataPath));

    /// <summary>The text of a file below <c>data/</c> (e.g. <c>entities/building-minimal.json</c>).</summary>
    public string ReadData(string dataPath)
    {
        var path = DataFile(dataPath);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"The suite has no data file '{dataPath}'.", path);
    }

    /// <summary>The text of one of the suite's own @context files (e.g. <c>ngsi-ld-test-suite.jsonld</c>).</summary>
    public string ReadContext(string fileName) => File.ReadAllText(Path.Combine(ContextsFolder, fileName));

    /// <summary>Parses JSON text, or returns false for text that is deliberately not JSON.</summary>
    public static bool TryParse(string text, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            node = null;
            return false;
        }
    }

    private string DataFile(string dataPath)
    {
        // Case tables name files with forward slashes; refuse paths that leave data/.
        var full = Path.GetFullPath(Path.Combine(DataFolder, dataPath.Replace('/', Path.DirectorySeparatorChar)));
        return full.StartsWith(DataFolder, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"'{dataPath}' is outside the suite's data folder.", nameof(dataPath));
    }
}
