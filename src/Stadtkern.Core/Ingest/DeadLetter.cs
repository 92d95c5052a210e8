using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Lake;
using Stadtkern.Model;

namespace Stadtkern.Ingest;

/// <summary>
/// A message that could not be applied, as the lake keeps it under the source <c>dead-letter</c>: where and when it came,
/// why it was refused, and its payload — inline when it is small UTF-8 text, otherwise a reference to the lake partition
/// that holds the original (found there by its SHA-256).
/// </summary>
public sealed record DeadLetter(DateTimeOffset ReceivedAt, string Source, string Channel, string Reason, string Sha256, string? ContentType, long? Size, string? Payload)
{
    public const string LakeSource = "dead-letter";

    /// <summary>Larger payloads are not copied into the letter: the original in the lake is the one copy.</summary>
    public const int MaxInlineBytes = 16 * 1024;

    public static DeadLetter Of(LakeRecord original, string reason) =>
        new(original.ReceivedAt, original.Source, original.Channel, reason, original.Sha256, original.ContentType, original.Payload.Length,
            original.Payload.Length <= MaxInlineBytes && System.Text.Unicode.Utf8.IsValid(original.Payload) ? Encoding.UTF8.GetString(original.Payload) : null);

    /// <summary>The day of the lake partition that keeps the original.</summary>
    public DateOnly Day => DateOnly.FromDateTime(ReceivedAt.UtcDateTime);

    public JsonObject ToJson()
    {
        var letter = new JsonObject
        {
            ["receivedAt"] = Validation.Format(ReceivedAt),
            ["source"] = Source,
            ["channel"] = Channel,
            ["reason"] = Reason,
            ["sha256"] = Sha256,
            ["contentType"] = ContentType,
            ["size"] = Size,
        };
        if (Payload is not null) letter["payload"] = Payload;
        else letter["lake"] = new JsonObject { ["source"] = Source, ["day"] = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        return letter;
    }

    /// <summary>The letter as a lake record of the original's tenant, written at <paramref name="at"/>.</summary>
    public LakeRecord ToLakeRecord(string tenant, DateTimeOffset at) =>
        new(at, LakeSource, Channel, "application/json", tenant, Encoding.UTF8.GetBytes(ToJson().ToJsonString()));

    /// <summary>Reads a letter back from the lake; letters written before the payload was kept in them carry none.</summary>
    public static DeadLetter FromLakeRecord(LakeRecord record)
    {
        var body = JsonNode.Parse(record.Payload) as JsonObject ?? throw new InvalidDataException($"The dead letter of {record.Channel} is not a JSON object.");
        string? Text(string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var received = Validation.TryParseDateTime(Text("receivedAt"), out var at) ? at : record.ReceivedAt;
        return new DeadLetter(received, Text("source") ?? "", Text("channel") ?? record.Channel, Text("reason") ?? "", Text("sha256") ?? "",
            Text("contentType"), body["size"] is JsonValue size && size.TryGetValue<long>(out var n) ? n : null, Text("payload"));
    }

    /// <summary>
    /// A tenant's dead letters, newest first: received at or after <paramref name="since"/>, from <paramref name="source"/>
    /// (the original's lake source: mqtt, http, ...) when given. Reads one day's partition at a time.
    /// </summary>
    public static async IAsyncEnumerable<DeadLetter> NewestFirstAsync(RawLake lake, string tenant, DateTimeOffset? since, string? source,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
        var days = lake.Partitions().Where(p => p.Tenant == tenant && p.Source == LakeSource).Select(p => p.Day).OrderDescending();
        foreach (var day in days)
        {
            // A letter is written after its original arrived, so a day before the start of the window holds nothing later.
            if (since is { } start && day < DateOnly.FromDateTime(start.UtcDateTime)) yield break;
            var letters = new List<DeadLetter>();
            await foreach (var record in lake.ReadAsync(tenant, LakeSource, day, cancellation)) letters.Add(FromLakeRecord(record));
            for (var i = letters.Count - 1; i >= 0; i--)
            {
                var letter = letters[i];
                if (since is { } from && letter.ReceivedAt < from) continue;
                if (source is not null && letter.Source != source) continue;
                yield return letter;
            }
        }
    }
}
