using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using static Stadtkern.Subscriptions.SubscriptionMembers;

namespace Stadtkern.Subscriptions;

public static partial class SubscriptionReader
{
    private const string Json = "application/json";
    private const string LdJson = "application/ld+json";

    /// <summary>The representation formats a subscription may ask for (clause 5.2.14); simplified is the older name of keyValues.</summary>
    public static RepresentationFormat ParseFormat(string format) => format switch
    {
        "normalized" => RepresentationFormat.Normalized,
        "concise" => RepresentationFormat.Concise,
        "keyValues" or "simplified" => RepresentationFormat.KeyValues,
        _ => throw NgsiLdException.BadData($"'{format}' is not a notification format; use normalized, concise or keyValues."),
    };

    private static JsonObject ReadNotification(JsonNode? value, JsonLdContext context)
    {
        if (value is not JsonObject notification) throw NgsiLdException.BadData("notification must be an object.");
        var stored = new JsonObject();
        foreach (var (key, member) in notification)
        {
            if (NotificationSystemGenerated.Contains(key)) continue;
            stored[key] = key switch
            {
                Attributes => ReadNames("notification.attributes", member, context),
                Pick or Omit => ReadProjection(key, member, context),
                Format => JsonValue.Create(ReadFormat(member)),
                SysAttrs or ShowChanges => JsonValue.Create(Bool($"notification.{key}", member)),
                Endpoint => ReadEndpoint(member),
                Join => JsonValue.Create(ReadJoin(member)),
                JoinLevel => JsonValue.Create(ReadJoinLevel(member)),
                _ => throw NgsiLdException.BadData($"'{key}' is not a member of notification."),
            };
        }
        if (!stored.ContainsKey(Endpoint)) throw NgsiLdException.BadData("notification needs an endpoint.");
        // Clause 5.2.14: previous values have no place in the simplified (keyValues) representation.
        if (stored[ShowChanges]?.GetValue<bool>() == true && stored[Format]?.GetValue<string>() is { } format && ParseFormat(format) == RepresentationFormat.KeyValues)
            throw NgsiLdException.BadData("showChanges cannot be true when the notification format is keyValues.");
        return stored;
    }

    private static string ReadJoin(JsonNode? value)
    {
        var join = String("notification.join", value);
        return join is "inline" or "flat" or "@none" ? join : throw NgsiLdException.BadData($"notification.join must be inline, flat or @none, not '{join}'.");
    }

    private static int ReadJoinLevel(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<int>(out var level) && level is >= 1 and <= 10
            ? level
            : throw NgsiLdException.BadData("notification.joinLevel must be a whole number from 1 to 10.");

    private static string ReadFormat(JsonNode? value)
    {
        var format = String("notification.format", value);
        ParseFormat(format);
        return format;
    }

    /// <summary>pick and omit name entity members: id and type as they are, attributes expanded.</summary>
    private static JsonArray ReadProjection(string member, JsonNode? value, JsonLdContext context)
    {
        List<string> names = value is JsonValue
            ? String($"notification.{member}", value).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList()
            : StringList($"notification.{member}", value);
        return new JsonArray(names.Select(n => (JsonNode)(n is Id or TypeMember ? n : EntityReader.ExpandName(n, context))).Distinct().ToArray());
    }

    private static JsonObject ReadEndpoint(JsonNode? value)
    {
        if (value is not JsonObject endpoint) throw NgsiLdException.BadData("notification.endpoint must be an object with a uri.");
        var stored = new JsonObject();
        foreach (var (key, member) in endpoint)
        {
            stored[key] = key switch
            {
                EndpointUri => JsonValue.Create(ReadEndpointUri(member)),
                Accept => JsonValue.Create(ReadAccept(member)),
                ReceiverInfo or NotifierInfo => ReadKeyValues($"endpoint.{key}", member),
                _ => throw NgsiLdException.BadData($"'{key}' is not a member of endpoint."),
            };
        }
        if (!stored.ContainsKey(EndpointUri)) throw NgsiLdException.BadData("notification.endpoint needs a uri.");
        return stored;
    }

    private static string ReadAccept(JsonNode? value)
    {
        var accept = String("endpoint.accept", value);
        return accept is Json or LdJson ? accept : throw NgsiLdException.BadData($"endpoint.accept must be {Json} or {LdJson}.");
    }

    private static string ReadEndpointUri(JsonNode? value)
    {
        var text = String("endpoint.uri", value);
        if (!System.Uri.TryCreate(text, UriKind.Absolute, out var uri) || !Validation.IsUri(text))
            throw NgsiLdException.BadData($"endpoint.uri '{text}' is not an absolute URI.");
        return uri.Scheme switch
        {
            // An MQTT endpoint is checked with its notifierInfo, when the subscription is read as a whole (SubscriptionDocument).
            "http" or "https" or "mqtt" or "mqtts" => text,
            _ => throw NgsiLdException.BadData($"endpoint.uri must be an http, https, mqtt or mqtts URI, not '{text}'."),
        };
    }

    /// <summary>receiverInfo and notifierInfo (clause 5.2.22): key/value pairs; receiverInfo becomes HTTP headers (or MQTT metadata), so keys must be header names.</summary>
    private static JsonArray ReadKeyValues(string member, JsonNode? value)
    {
        if (value is not JsonArray list) throw NgsiLdException.BadData($"{member} must be a list of {{\"key\", \"value\"}} objects.");
        var result = new JsonArray();
        foreach (var item in list)
        {
            if (item is not JsonObject pair || pair.Count != 2) throw NgsiLdException.BadData($"Each entry of {member} must have exactly a key and a value.");
            var key = String($"{member}[].key", pair["key"]);
            var text = String($"{member}[].value", pair["value"]);
            // Checked here because a header HTTP cannot carry would fail every delivery attempt, holding the queue back for good.
            if (!key.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)) || text.Any(c => c is < ' ' or > '~'))
                throw NgsiLdException.BadData($"'{key}' is not usable as a header name, or its value holds characters other than printable ASCII.");
            result.Add(new JsonObject { ["key"] = key, ["value"] = text });
        }
        return result;
    }
}
