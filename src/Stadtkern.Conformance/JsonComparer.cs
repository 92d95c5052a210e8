using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Stadtkern.Conformance;

/// <summary>Compares an expected JSON document with a broker's answer under the suite's rules (its <c>compare_dictionaries_ignoring_keys</c>).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>List order is ignored; objects in lists that both have a string <c>id</c> are paired by it, other elements by equality.</item>
/// <item><c>instanceId</c> is ignored everywhere, as are the extra ignored keys: a plain name is ignored at any depth,
/// a <c>$</c> path (<c>$.id</c>, <c>$[*].status</c>) only where it points.</item>
/// <item><c>@context</c>: a string equals a one-element list holding it, and a core context URL matches a core context
/// URL of any version.</item>
/// <item><c>observedAt</c> values are compared as instants; <c>createdAt</c>, <c>modifiedAt</c> and <c>deletedAt</c> only
/// need to be valid NGSI-LD UTC dates (<see cref="NgsiLdDate"/>).</item>
/// <item>Members missing on either side are differences; numbers are equal when their values are (<c>4</c> = <c>4.0</c>).</item>
/// </list>
/// </remarks>
public static partial class JsonComparer
{
    /// <summary>Members never compared: the broker makes them.</summary>
    public static IReadOnlyList<string> AlwaysIgnored { get; } = ["instanceId"];

    private static readonly HashSet<string> SystemDates = ["createdAt", "modifiedAt", "deletedAt"];

    /// <summary>The differences, each as <c>path: what</c>; empty when the documents are equal under the rules.</summary>
    public static IReadOnlyList<string> Compare(JsonNode? expected, JsonNode? actual, IEnumerable<string>? ignoredKeys = null)
    {
        var walker = new Walker(ignoredKeys ?? []);
        walker.Walk(expected, actual, "$", null);
        return walker.Differences;
    }

    /// <summary>Whether the documents are equal under the rules.</summary>
    public static bool AreEquivalent(JsonNode? expected, JsonNode? actual, IEnumerable<string>? ignoredKeys = null) =>
        Compare(expected, actual, ignoredKeys).Count == 0;

    /// <summary>Strict structural equality (order matters, no special members), except that numbers compare by value.</summary>
    public static bool ValuesEqual(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count
            && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && ValuesEqual(p.Value, other)),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => ValuesEqual(p.First, p.Second)),
        (JsonValue x, JsonValue y) => ScalarsEqual(x, y),
        _ => false,
    };

    /// <summary>Whether a URL is an ETSI core context of some version.</summary>
    public static bool IsCoreContext(string url) => CoreContext().IsMatch(url);

    /// <summary>A short JSON excerpt of a node for messages.</summary>
    public static string Excerpt(JsonNode? node, int max = 160)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= max ? text : text[..max] + "…";
    }

    private static bool ScalarsEqual(JsonValue x, JsonValue y)
    {
        var kind = x.GetValueKind();
        if (kind != y.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => x.GetValue<string>() == y.GetValue<string>(),
            JsonValueKind.Number => NumbersEqual(x.ToJsonString(), y.ToJsonString()),
            _ => true, // true, false and null carry no further value
        };
    }

    private static bool NumbersEqual(string x, string y) =>
        decimal.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var dx)
        && decimal.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var dy)
            ? dx == dy
            : double.Parse(x, CultureInfo.InvariantCulture) == double.Parse(y, CultureInfo.InvariantCulture);

    private static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "a node",
    };

    // "A string equals a one-element list holding it"; core contexts match whatever their version.
    private static bool ContextsEqual(JsonNode? expected, JsonNode? actual)
    {
        static List<JsonNode?>? AsList(JsonNode? n) => n switch
        {
            JsonArray a => [.. a],
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [v],
            _ => null,
        };

        if (AsList(expected) is not { } e || AsList(actual) is not { } a || e.Count != a.Count)
        {
            return false;
        }

        return e.Zip(a).All(p => (AsString(p.First), AsString(p.Second)) switch
        {
            ({ } x, { } y) => x == y || (IsCoreContext(x) && IsCoreContext(y)),
            _ => ValuesEqual(p.First, p.Second),
        });
    }

    [GeneratedRegex(@"^https://uri\.etsi\.org/ngsi-ld/v1/ngsi-ld-core-context-v\d+\.\d+(\.\d+)?\.jsonld$")]
    private static partial Regex CoreContext();

    private sealed class Walker
    {
        private readonly HashSet<string> ignoredNames = new(AlwaysIgnored, StringComparer.Ordinal);
        private readonly List<Regex> ignoredPaths = [];

        public Walker(IEnumerable<string> ignoredKeys)
        {
            foreach (var key in ignoredKeys)
            {
                if (key.StartsWith('$'))
                {
                    var pattern = Regex.Escape(key).Replace(@"\[\*]", @"\[\d+]", StringComparison.Ordinal);
                    ignoredPaths.Add(new Regex("^" + pattern + "$", RegexOptions.CultureInvariant));
                }
                else
                {
                    ignoredNames.Add(key);
                }
            }
        }

        private Walker(Walker rules)
        {
            ignoredNames = rules.ignoredNames;
            ignoredPaths = rules.ignoredPaths;
        }

        public List<string> Differences { get; } = [];

        public void Walk(JsonNode? expected, JsonNode? actual, string path, string? member)
        {
            if (member is not null && Special(expected, actual, path, member))
            {
                return;
            }

            switch (expected, actual)
            {
                case (JsonObject e, JsonObject a):
                    WalkObject(e, a, path);
                    break;
                case (JsonArray e, JsonArray a):
                    WalkArray(e, a, path);
                    break;
                case (JsonValue e, JsonValue a) when ScalarsEqual(e, a):
                case (null, null):
                    break;
                default:
                    Differences.Add(KindOf(expected) == KindOf(actual)
                        ? $"{path}: expected {Excerpt(expected)}, got {Excerpt(actual)}"
                        : $"{path}: expected {KindOf(expected)} {Excerpt(expected)}, got {KindOf(actual)} {Excerpt(actual)}");
                    break;
            }
        }

        // The per-member rules; true when the member is settled (equal, or its difference recorded).
        private bool Special(JsonNode? expected, JsonNode? actual, string path, string member)
        {
            if (member == "@context")
            {
                return ContextsEqual(expected, actual);
            }

            if (member == "observedAt" && NgsiLdDate.TryParse(AsString(expected), out var e) && NgsiLdDate.TryParse(AsString(actual), out var a))
            {
                if (e != a)
                {
                    Differences.Add($"{path}: expected the instant {Excerpt(expected)}, got {Excerpt(actual)}");
                }

                return true;
            }

            if (SystemDates.Contains(member))
            {
                if (!NgsiLdDate.IsValid(AsString(actual)))
                {
                    Differences.Add($"{path}: expected a UTC date-time ending in Z, got {Excerpt(actual)}");
                }

                return true;
            }

            return false;
        }

        private bool Ignored(string name, string path) =>
            ignoredNames.Contains(name) || ignoredPaths.Any(p => p.IsMatch(path));

        private void WalkObject(JsonObject expected, JsonObject actual, string path)
        {
            foreach (var (name, value) in expected)
            {
                var child = path + JsonPath.Format(name);
                if (Ignored(name, child))
                {
                    continue;
                }

                if (actual.TryGetPropertyValue(name, out var other))
                {
                    Walk(value, other, child, name);
                }
                else
                {
                    Differences.Add($"{child}: missing (expected {Excerpt(value)})");
                }
            }

            foreach (var (name, value) in actual)
            {
                var child = path + JsonPath.Format(name);
                if (!expected.ContainsKey(name) && !Ignored(name, child))
                {
                    Differences.Add($"{child}: unexpected member {Excerpt(value)}");
                }
            }
        }

        private void WalkArray(JsonArray expected, JsonArray actual, string path)
        {
            var freeActual = Enumerable.Range(0, actual.Count).ToList();
            var unmatched = new List<int>();

            // Objects with an id are the same element exactly when their ids are equal.
            for (var i = 0; i < expected.Count; i++)
            {
                if (IdOf(expected[i]) is not { } id)
                {
                    unmatched.Add(i);
                    continue;
                }

                var j = freeActual.FindIndex(k => IdOf(actual[k]) == id);
                if (j < 0)
                {
                    unmatched.Add(i);
                    continue;
                }

                Walk(expected[i], actual[freeActual[j]], $"{path}[{i}]", null);
                freeActual.RemoveAt(j);
            }

            // The others pair with any actual element that is equal under the rules.
            var leftover = new List<int>();
            foreach (var i in unmatched)
            {
                var j = IdOf(expected[i]) is null ? freeActual.FindIndex(k => IdOf(actual[k]) is null && Same(expected[i], actual[k], $"{path}[{i}]")) : -1;
                if (j < 0)
                {
                    leftover.Add(i);
                }
                else
                {
                    freeActual.RemoveAt(j);
                }
            }

            if (leftover.Count == 1 && freeActual.Count == 1)
            {
                // One element changed: show what differs inside it rather than "missing" plus "unexpected".
                Walk(expected[leftover[0]], actual[freeActual[0]], $"{path}[{leftover[0]}]", null);
                return;
            }

            foreach (var i in leftover)
            {
                Differences.Add($"{path}[{i}]: no matching element in the actual list (expected {Excerpt(expected[i])})");
            }

            foreach (var k in freeActual)
            {
                Differences.Add($"{path}[{k}]: unexpected element in the actual list {Excerpt(actual[k])}");
            }
        }

        private bool Same(JsonNode? expected, JsonNode? actual, string path)
        {
            var probe = new Walker(this);
            probe.Walk(expected, actual, path, null);
            return probe.Differences.Count == 0;
        }

        private static string? IdOf(JsonNode? node) => node is JsonObject o ? AsString(o["id"]) : null;
    }
}
