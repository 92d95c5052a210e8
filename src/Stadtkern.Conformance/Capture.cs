using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stadtkern.Conformance;

/// <summary>Reads a capture source of <see cref="Request.Captures"/> (<c>header:Name</c>, <c>json:$.path</c>, optionally <c>|lastSegment</c> or <c>|absolute</c>) from a response.</summary>
public static class Capture
{
    /// <summary>The captured text, or null with <paramref name="problem"/> saying why nothing could be captured.</summary>
    public static string? Read(string source, ExchangeResponse response, out string? problem)
    {
        problem = null;
        var parts = source.Split('|');
        var value = parts[0] switch
        {
            var s when s.StartsWith("header:", StringComparison.Ordinal) =>
                response.Headers.TryGetValue(s["header:".Length..], out var h) ? h : null,
            var s when s.StartsWith("json:", StringComparison.Ordinal) =>
                JsonPath.TryGet(response.Json, s["json:".Length..], out var node) && node is not null ? AsText(node) : null,
            _ => throw new FormatException($"Unknown capture source '{source}': expected header:Name or json:$.path."),
        };

        if (value is null)
        {
            problem = $"nothing to capture from {parts[0]}";
            return null;
        }

        foreach (var modifier in parts.Skip(1))
        {
            value = modifier switch
            {
                "lastSegment" => LastSegment(value),
                "absolute" => new Uri(response.RequestUri, value).ToString(),
                _ => throw new FormatException($"Unknown capture modifier '{modifier}' in '{source}'."),
            };
        }

        return value;
    }

    /// <summary>The text after the last <c>/</c> of a URL or path, without query or fragment.</summary>
    public static string LastSegment(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        var path = (end < 0 ? url : url[..end]).TrimEnd('/');
        return path[(path.LastIndexOf('/') + 1)..];
    }

    private static string AsText(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
}
