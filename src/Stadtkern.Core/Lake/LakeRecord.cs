using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Stadtkern.Lake;

/// <summary>One message as it arrived, before anything interpreted it: the bytes and where, when and how they came.</summary>
public sealed record LakeRecord(DateTimeOffset ReceivedAt, string Source, string Channel, string? ContentType, string Tenant, byte[] Payload)
{
    /// <summary>The HTTP Link header that came with the message (its JSON-LD context), so that a replay reads it the same way.</summary>
    public string? Link { get; init; }

    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Payload));

    /// <summary>The record as one line of a segment: metadata, and the payload as text when it is UTF-8, else base64.</summary>
    public string ToLine()
    {
        var line = new JsonObject
        {
            ["receivedAt"] = Model.Validation.Format(ReceivedAt),
            ["source"] = Source,
            ["channel"] = Channel,
            ["contentType"] = ContentType,
            ["tenant"] = Tenant,
            ["sha256"] = Sha256,
            ["link"] = Link,
            ["size"] = Payload.Length,
        };
        if (System.Text.Unicode.Utf8.IsValid(Payload)) line["body"] = Encoding.UTF8.GetString(Payload);
        else line["bodyBase64"] = Convert.ToBase64String(Payload);
        return line.ToJsonString(LineOptions);
    }

    // Lines are data, never HTML: quotes and non-ASCII stay readable.
    private static readonly System.Text.Json.JsonSerializerOptions LineOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads a segment line back; the payload's checksum is verified.</summary>
    public static LakeRecord FromLine(string text)
    {
        var line = JsonNode.Parse(text)!.AsObject();
        var payload = line["body"] is JsonValue body ? Encoding.UTF8.GetBytes(body.GetValue<string>())
            : Convert.FromBase64String(line["bodyBase64"]!.GetValue<string>());
        Model.Validation.TryParseDateTime(line["receivedAt"]!.GetValue<string>(), out var at);
        var record = new LakeRecord(at, line["source"]!.GetValue<string>(), line["channel"]!.GetValue<string>(),
            line["contentType"]?.GetValue<string>(), line["tenant"]!.GetValue<string>(), payload) { Link = line["link"]?.GetValue<string>() };
        if (record.Sha256 != line["sha256"]?.GetValue<string>())
            throw new InvalidDataException($"A lake record of {record.Channel} received at {line["receivedAt"]} does not match its SHA-256.");
        return record;
    }
}

/// <summary>Where records of one tenant, source and day are kept, with what it holds.</summary>
public sealed record LakePartition(string Tenant, string Source, DateOnly Day, int Segments, long Bytes)
{
    /// <summary>A partition's day as it is named in directories, the API and the CLI: <c>yyyy-MM-dd</c> (UTC).</summary>
    public static bool TryParseDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day);
}
