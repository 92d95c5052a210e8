using System.Text.Json.Nodes;

namespace Stadtkern.Warnings;

/// <summary>Where a warning is in its four-eyes release: composed, approved by a second person, published.</summary>
public enum WarningState
{
    Draft,
    Approved,
    Published,
}

/// <summary>A warning under management: its CAP content and who did what to it; identifier and sent exist once it is published.</summary>
public sealed record Warning(
    string Id,
    WarningState State,
    AlertDocument Alert,
    string CreatedBy,
    IReadOnlyList<string> Authors,
    string? ApprovedBy,
    string? PublishedBy,
    DateTimeOffset? Sent,
    DateTimeOffset ModifiedAt,
    int Version)
{
    /// <summary>The CAP identifier: the warning's id, so that the public XML lives at <c>/cap/alerts/{id}.xml</c>.</summary>
    public string? Identifier => State == WarningState.Published ? Id : null;

    /// <summary>CAP's reference to this message, <c>sender,identifier,sent</c> (clause 3.2.1, references).</summary>
    public string? CapReference => Sent is { } sent ? $"{Alert.Sender},{Id},{CapVocabulary.FormatTime(sent)}" : null;

    /// <summary>The latest expiry of its info blocks; null when one of them never expires.</summary>
    public DateTimeOffset? Expires
    {
        get
        {
            var infos = Alert.Info ?? [];
            if (infos.Count == 0 || infos.Any(i => i.Expires is null)) return null;
            return infos.Max(i => CapVocabulary.TryParseTime(i.Expires, out var t) ? t : DateTimeOffset.MaxValue);
        }
    }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["state"] = State.ToString().ToLowerInvariant(),
        ["createdBy"] = CreatedBy,
        ["authors"] = new JsonArray(Authors.Select(a => (JsonNode)a).ToArray()),
        ["approvedBy"] = ApprovedBy,
        ["publishedBy"] = PublishedBy,
        ["identifier"] = Identifier,
        ["sent"] = Sent is { } sent ? CapVocabulary.FormatTime(sent) : null,
        ["modifiedAt"] = CapVocabulary.FormatTime(ModifiedAt),
        ["alert"] = Alert.ToJson(),
    };

    /// <summary>Reads the form <see cref="ToJson"/> writes (the store keeps it so).</summary>
    public static Warning FromJson(JsonObject json, int version) => new(
        json["id"]!.GetValue<string>(),
        Enum.Parse<WarningState>(json["state"]!.GetValue<string>(), ignoreCase: true),
        AlertDocument.Read(json["alert"]!),
        json["createdBy"]!.GetValue<string>(),
        json["authors"]!.AsArray().Select(a => a!.GetValue<string>()).ToList(),
        json["approvedBy"]?.GetValue<string>(),
        json["publishedBy"]?.GetValue<string>(),
        json["sent"] is { } sent ? Time(sent) : null,
        Time(json["modifiedAt"]!),
        version);

    private static DateTimeOffset Time(JsonNode node) =>
        CapVocabulary.TryParseTime(node.GetValue<string>(), out var time) ? time : throw new FormatException($"'{node}' is not a stored time.");
}

/// <summary>One state change of a warning, kept for audit: what happened, who did it, when, and the content at that moment.</summary>
public sealed record WarningEvent(string WarningId, string Action, string User, DateTimeOffset At, AlertDocument Alert)
{
    public JsonObject ToJson() => new()
    {
        ["action"] = Action,
        ["user"] = User,
        ["at"] = CapVocabulary.FormatTime(At),
        ["alert"] = Alert.ToJson(),
    };
}
