using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Stadtkern.Host.Migration;

/// <summary>
/// What a store holds of one kind, reduced to a count and a SHA-256 over canonical lines in a fixed order, read through
/// the storage interfaces: the same reading of two stores with different tables gives the same fingerprint when, and
/// only when, they hold the same content.
/// </summary>
internal sealed class ContentFingerprint
{
    private readonly List<string> _lines = [];

    public void Add(params object?[] fields) => _lines.Add(string.Join('\u001f', fields.Select(Field)));

    public (long Count, string Sha256) Result()
    {
        _lines.Sort(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in _lines) hash.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
        return (_lines.Count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static string Field(object? value) => value switch
    {
        null => "\u2400",
        JsonNode node => Canonical(node),
        DateTimeOffset at => at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>JSON with object members sorted by name (jsonb keeps its own order, SQLite the written one).</summary>
    public static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => System.Text.Json.JsonSerializer.Serialize(m.Key) + ":" + Canonical(m.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
