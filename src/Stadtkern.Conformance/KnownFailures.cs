namespace Stadtkern.Conformance;

/// <summary>The list of cases a broker is known to fail, read from text: one <c>Clause/Id  reason</c> a line; lines starting with <c>#</c> are comments.</summary>
public sealed class KnownFailures
{
    private readonly Dictionary<string, string> reasons;

    private KnownFailures(Dictionary<string, string> reasons) => this.reasons = reasons;

    /// <summary>An empty list.</summary>
    public static KnownFailures None { get; } = new([]);

    /// <summary>Case key → reason (empty when none was given).</summary>
    public IReadOnlyDictionary<string, string> Entries => reasons;

    /// <summary>Reads a file; a missing file is an empty list.</summary>
    public static KnownFailures Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : None;

    /// <summary>Parses the text; the key is the first word of a line, the reason the rest. A key listed twice keeps its last reason.</summary>
    public static KnownFailures Parse(string text)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            // A '#' later in a line belongs to the reason ("see issue #12").
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            reasons[space < 0 ? line : line[..space]] = space < 0 ? "" : line[space..].Trim();
        }

        return new KnownFailures(reasons);
    }

    /// <summary>Whether the case is listed, and why.</summary>
    public bool TryGetReason(string key, out string reason) => reasons.TryGetValue(key, out reason!);
}
