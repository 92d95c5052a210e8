using Stadtkern.Errors;

namespace Stadtkern.Ingest.Mapping;

/// <summary>
/// An MQTT topic filter (MQTT 5.0, 4.7) whose single-level segments may be named, <c>{station}</c>, to capture what they
/// match; <c>+</c> matches one level without capturing, a final <c>#</c> any number of levels (also none).
/// </summary>
public sealed class TopicPattern
{
    private const string MultiLevel = "#";
    private const string SingleLevel = "+";
    private readonly string[] _segments;

    private TopicPattern(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    /// <summary>The pattern as a plain MQTT topic filter, named segments as <c>+</c>: what a client subscribes to.</summary>
    public string Filter => string.Join('/', _segments.Select(s => IsNamed(s) ? SingleLevel : s));

    /// <summary>The names of the captured segments.</summary>
    public IEnumerable<string> Names => _segments.Where(IsNamed).Select(s => s[1..^1]);

    /// <summary>
    /// How specific the pattern is, for precedence among rules that match the same topic: more literal segments first, then
    /// a pattern without <c>#</c> before one with it, then more segments. Named segments and <c>+</c> count the same.
    /// </summary>
    public (int Literals, int Exact, int Levels) Specificity =>
        (_segments.Count(s => !IsNamed(s) && s is not (SingleLevel or MultiLevel)), _segments[^1] == MultiLevel ? 0 : 1, _segments.Length);

    public static TopicPattern Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) throw NgsiLdException.BadData("A mapping rule needs a topic pattern.");
        var segments = text.Split('/');
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment == MultiLevel && i < segments.Length - 1)
                throw NgsiLdException.BadData($"In the topic pattern '{text}', '#' may only be the last level.");
            if (IsNamed(segment))
            {
                var name = segment[1..^1];
                if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                    throw NgsiLdException.BadData($"In the topic pattern '{text}', '{segment}' is not a name of letters, digits, '_' and '-'.");
                if (!names.Add(name)) throw NgsiLdException.BadData($"In the topic pattern '{text}', '{segment}' is named twice.");
                continue;
            }
            if (segment is SingleLevel or MultiLevel) continue;
            if (segment.AsSpan().IndexOfAny("+#{}") >= 0)
                throw NgsiLdException.BadData($"In the topic pattern '{text}', the level '{segment}' mixes wildcards or braces with text; a wildcard is a whole level.");
        }
        if (segments[0] == "ngsi-ld")
            throw NgsiLdException.BadData("Topics under ngsi-ld/ carry NGSI-LD fragments (ngsi-ld/{tenant}/entities/{entityId}/attrs) and cannot be mapped.");
        return new TopicPattern(text, segments);
    }

    /// <summary>The captured segments when the topic matches, else null.</summary>
    public Dictionary<string, string>? Match(string topic)
    {
        var levels = topic.Split('/');
        // Wildcards at the first level do not match system topics ($SYS/...), as MQTT requires.
        if (topic.StartsWith('$') && (IsNamed(_segments[0]) || _segments[0] is SingleLevel or MultiLevel)) return null;
        var captures = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment == MultiLevel) return captures;
            if (i >= levels.Length) return null;
            if (IsNamed(segment)) captures[segment[1..^1]] = levels[i];
            else if (segment != SingleLevel && segment != levels[i]) return null;
        }
        return levels.Length == _segments.Length ? captures : null;
    }

    private static bool IsNamed(string segment) => segment.Length >= 2 && segment[0] == '{' && segment[^1] == '}';
}
