namespace Stadtkern.Conformance;

/// <summary>Rewrites the remote @context URLs in the suite's data to the local <see cref="ContextServer"/> that serves them.</summary>
/// <remarks>
/// Plain text replacement, longest prefix first, so it works the same on bodies, headers, paths and expectations,
/// and on text that is not valid JSON. The core context URLs are never in the map: brokers know them built in.
/// </remarks>
public sealed class ContextUrlMap
{
    private readonly List<KeyValuePair<string, string>> rules = [];

    /// <summary>An empty map: text stays as it is (for runs with no context server).</summary>
    public static ContextUrlMap None { get; } = new();

    /// <summary>The rules, remote prefix → local prefix, longest remote first.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Rules => rules;

    /// <summary>Maps every URL starting with <paramref name="remotePrefix"/> to the same rest below <paramref name="localPrefix"/>.</summary>
    public ContextUrlMap Add(string remotePrefix, string localPrefix)
    {
        rules.RemoveAll(r => r.Key == remotePrefix);
        rules.Add(new(remotePrefix, localPrefix));
        rules.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
        return this;
    }

    /// <summary>The text with every remote URL replaced by its local one.</summary>
    public string Rewrite(string text)
    {
        foreach (var (remote, local) in rules)
        {
            if (text.Contains(remote, StringComparison.Ordinal))
            {
                text = text.Replace(remote, local, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
