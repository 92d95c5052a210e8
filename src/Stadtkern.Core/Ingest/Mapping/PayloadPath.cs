using System.Globalization;
using System.Text.Json.Nodes;
using Stadtkern.Errors;

namespace Stadtkern.Ingest.Mapping;

/// <summary>A field of a JSON payload by a dotted path, array elements by index: <c>data.pm10</c>, <c>values[0]</c>, <c>values.0.v</c>.</summary>
public sealed class PayloadPath
{
    private readonly string[] _steps;

    private PayloadPath(string text, string[] steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    public static PayloadPath Parse(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) throw NgsiLdException.BadData($"{what} needs a payload field path.");
        var steps = text.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.');
        if (steps.Any(s => s.Length == 0) || text.Count(c => c == '[') != text.Count(c => c == ']'))
            throw NgsiLdException.BadData($"{what}: '{text}' is not a field path (names separated by '.', array indexes as [n] or .n).");
        return new PayloadPath(text, steps);
    }

    /// <summary>The field's value; null when the path leads nowhere. A JSON null is returned as a null node with <c>found</c> true.</summary>
    public bool TryResolve(JsonNode? root, out JsonNode? value)
    {
        value = root;
        foreach (var step in _steps)
        {
            switch (value)
            {
                case JsonObject o when o.TryGetPropertyValue(step, out var member):
                    value = member;
                    break;
                case JsonArray a when int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < a.Count:
                    value = a[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }
        return true;
    }

    public override string ToString() => Text;
}
