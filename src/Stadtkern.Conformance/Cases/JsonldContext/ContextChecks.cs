using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stadtkern.Conformance.Cases.JsonldContext;

/// <summary>The suite's checks on @context listings and details (<c>AssertionUtils.resource</c>), as custom checks.</summary>
internal static class ContextChecks
{
    /// <summary>The kinds the suite allows (<c>ALLOWED_CONTEXT</c>).</summary>
    private static readonly string[] AllowedKinds = ["Cached", "Hosted", "ImplicitlyCreated", "UserCreated"];

    /// <summary>The members a detailed @context may have ("Check Context Detailed Information Keys").</summary>
    private static readonly string[] DetailMembers = ["URL", "localId", "kind", "createdAt", "lastUsage", "numberOfHits", "extraInfo", "body", "expiresAt"];

    /// <summary>The body is a JSON array (a listing).</summary>
    public static Check IsList { get; } = new Check.Custom("the body is a list of @contexts", (body, _) =>
        body is JsonArray ? null : "the body is not a JSON array");

    /// <summary>
    /// "Check Context Response Body Containing a list of identifiers": for each expected suffix (a template with
    /// variables) some entry ends with it — the entry itself when not detailed, its <c>URL</c> when detailed, both
    /// percent-decoded. With details and a kind, each found entry must also pass <see cref="Details"/> without the
    /// member list check, as in the suite.
    /// </summary>
    public static Check Lists(string[] suffixes, bool detailed, string kind = "") => new Check.Custom(
        $"the {(detailed ? "detailed " : "")}list has entries ending with {string.Join(", ", suffixes)}",
        (body, variables) =>
        {
            if (body is not JsonArray list)
            {
                return "the body is not a JSON array";
            }

            foreach (var template in suffixes)
            {
                var suffix = Variables.Substitute(template, variables, strict: true);
                var entry = list.FirstOrDefault(e => UrlOf(e, detailed) is { } url && Uri.UnescapeDataString(url).EndsWith(suffix, StringComparison.Ordinal));
                if (entry is null)
                {
                    return $"no entry ends with {suffix}";
                }

                if (detailed && kind.Length > 0 && DetailProblem(entry, kind, checkMembers: false) is { } problem)
                {
                    return $"the entry for {suffix}: {problem}";
                }
            }

            return null;
        });

    /// <summary>The negation of <see cref="Lists"/> without details: at least one of the suffixes has no entry (052_06's Hosted listing).</summary>
    public static Check DoesNotListAll(params string[] suffixes) => new Check.Custom(
        $"the list lacks at least one of {string.Join(", ", suffixes)}",
        (body, variables) =>
        {
            if (body is not JsonArray list)
            {
                return "the body is not a JSON array";
            }

            var all = suffixes
                .Select(t => Variables.Substitute(t, variables, strict: true))
                .All(s => list.Any(e => UrlOf(e, detailed: false) is { } url && Uri.UnescapeDataString(url).EndsWith(s, StringComparison.Ordinal)));
            return all ? "every one of them is listed" : null;
        });

    /// <summary>
    /// The served details of one @context: "Check Context Response Body Containing Detailed Information" (URL,
    /// localId and kind non-empty strings, kind allowed and as expected, createdAt a date), "Might Contain Optional
    /// Fields" (lastUsage a date, numberOfHits an integer) and "Check Context Detailed Information Keys".
    /// </summary>
    public static Check Details(string kind) => new Check.Custom($"details of a {kind} @context", (body, _) =>
        DetailProblem(body, kind, checkMembers: true));

    /// <summary>"Check Context Response Body Containing numberOfHits value": when <c>numberOfHits</c> is there, it is this number.</summary>
    public static Check NumberOfHits(int hits) => new Check.Custom($"numberOfHits, if given, is {hits}", (body, _) =>
        body?["numberOfHits"] is not { } value || value.GetValueKind() == JsonValueKind.Null
            ? null
            : value.GetValueKind() == JsonValueKind.Number && value.GetValue<double>() == hits
                ? null
                : $"numberOfHits is {value.ToJsonString()}");

    private static string? UrlOf(JsonNode? entry, bool detailed) =>
        StringOf(detailed ? entry?["URL"] : entry);

    private static string? DetailProblem(JsonNode? body, string kind, bool checkMembers)
    {
        if (body is not JsonObject details)
        {
            return "the details are not a JSON object";
        }

        foreach (var member in new[] { "URL", "localId", "kind" })
        {
            if (string.IsNullOrEmpty(StringOf(details[member])))
            {
                return $"{member} is not a non-empty string";
            }
        }

        var actualKind = StringOf(details["kind"])!;
        if (!AllowedKinds.Contains(actualKind) || actualKind != kind)
        {
            return $"kind is {actualKind}, expected {kind}";
        }

        if (!NgsiLdDate.IsValid(StringOf(details["createdAt"])))
        {
            return $"createdAt is not an NGSI-LD date: {JsonComparer.Excerpt(details["createdAt"])}";
        }

        if (details["lastUsage"] is { } lastUsage && !IsEmpty(lastUsage) && !NgsiLdDate.IsValid(StringOf(lastUsage)))
        {
            return $"lastUsage is not an NGSI-LD date: {lastUsage.ToJsonString()}";
        }

        if (details["numberOfHits"] is { } hits && !IsEmpty(hits)
            && !(hits.GetValueKind() == JsonValueKind.Number && double.IsInteger(hits.GetValue<double>())))
        {
            return $"numberOfHits is not an integer: {hits.ToJsonString()}";
        }

        var unexpected = details.Select(p => p.Key).Where(k => !DetailMembers.Contains(k)).ToList();
        return checkMembers && unexpected.Count > 0 ? $"unexpected members {string.Join(", ", unexpected)}" : null;
    }

    // The suite's "is there" test skips members whose value is empty or null.
    private static bool IsEmpty(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Null || (StringOf(value) is { Length: 0 });

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
