using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stadtkern.Errors;
using Stadtkern.Geo;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Query;
using static Stadtkern.Subscriptions.SubscriptionMembers;

namespace Stadtkern.Subscriptions;

/// <summary>
/// Reads subscriptions and subscription fragments sent by clients into the stored form: the members the client gave,
/// checked, with names expanded by the request's context. Anything the data types do not allow is a 400 BadRequestData.
/// </summary>
public static partial class SubscriptionReader
{
    /// <summary>Reads a new subscription (POST /subscriptions); without an id one is generated.</summary>
    /// <param name="termsContext">The request's @context value, kept for q (see <see cref="SubscriptionMembers.TermsContext"/>).</param>
    public static JsonObject ReadNew(JsonObject body, JsonLdContext context, JsonNode? termsContext)
    {
        var stored = new JsonObject
        {
            [Id] = body.ContainsKey(Id) ? ReadId(body[Id]) : $"urn:ngsi-ld:Subscription:{Guid.NewGuid():N}",
            [TypeMember] = ReadType(body[TypeMember] ?? throw NgsiLdException.BadData("A subscription needs \"type\": \"Subscription\".")),
        };
        foreach (var (name, value) in body)
        {
            if (name is Id or TypeMember || SystemGenerated.Contains(name)) continue;
            stored[name] = ReadMember(name, value, context);
        }
        // Kept for q, and as the fallback for notifications should the jsonldContext become unavailable.
        if (termsContext is not null) stored[TermsContext] = termsContext.DeepClone();
        SubscriptionDocument.ToModel(stored);
        return stored;
    }

    /// <summary>
    /// Applies an update fragment (PATCH, clause 5.8.2): each member given replaces the stored one whole, and null removes
    /// it; the result must still be a valid subscription.
    /// </summary>
    public static JsonObject ApplyFragment(JsonObject stored, JsonObject fragment, JsonLdContext context, JsonNode? termsContext)
    {
        if (!fragment.Any(m => !SystemGenerated.Contains(m.Key) && m.Key is not (Id or TypeMember)))
            throw NgsiLdException.BadData("The subscription fragment changes nothing.");
        var updated = (JsonObject)stored.DeepClone();
        foreach (var (name, value) in fragment)
        {
            if (SystemGenerated.Contains(name)) continue;
            if (name == Id)
            {
                if (ReadId(value) != stored[Id]!.GetValue<string>()) throw NgsiLdException.BadData("The id of a subscription cannot be changed.");
                continue;
            }
            if (name == TypeMember)
            {
                ReadType(value);
                continue;
            }
            if (value is null || IsNgsiNull(value))
            {
                if (name == Notification) throw NgsiLdException.BadData("notification is mandatory and cannot be removed.");
                updated.Remove(name);
                continue;
            }
            updated[name] = ReadMember(name, value, context);
            if (name == Q)
            {
                if (termsContext is null) updated.Remove(TermsContext);
                else updated[TermsContext] = termsContext.DeepClone();
            }
        }
        SubscriptionDocument.ToModel(updated);
        return updated;
    }

    private static JsonNode ReadMember(string name, JsonNode? value, JsonLdContext context) => name switch
    {
        Name or Description or Lang => JsonValue.Create(String(name, value)),
        Entities => ReadEntities(value, context),
        WatchedAttributes => ReadNames(name, value, context),
        NotificationTrigger => ReadTriggers(value),
        TimeInterval or Throttling => JsonValue.Create(PositiveNumber(name, value)),
        Q => JsonValue.Create(ReadQuery(value, context)),
        ScopeQ => JsonValue.Create(ReadScopeQuery(value)),
        GeoQ => ReadGeoQuery(value, context),
        IsActive => JsonValue.Create(Bool(name, value)),
        ExpiresAt => JsonValue.Create(ReadDateTime(name, value)),
        DatasetId => ReadDatasetIds(value),
        JsonldContext => JsonValue.Create(ReadContextUrl(value)),
        Notification => ReadNotification(value, context),
        _ => throw NgsiLdException.BadData($"'{name}' is not a member of a subscription{(name is "csf" or "temporalQ" ? " this broker supports yet" : "")}."),
    };

    private static string ReadId(JsonNode? value)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !Validation.IsUri(v.GetValue<string>()))
            throw NgsiLdException.BadData("The subscription id must be a URI.");
        return v.GetValue<string>();
    }

    private static string ReadType(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == SubscriptionType
            ? SubscriptionType
            : throw NgsiLdException.BadData("The type of a subscription must be \"Subscription\".");

    private static JsonArray ReadEntities(JsonNode? value, JsonLdContext context)
    {
        if (value is not JsonArray list || list.Count == 0) throw NgsiLdException.BadData("entities must be a non-empty list of entity selectors.");
        var result = new JsonArray();
        foreach (var item in list)
        {
            if (item is not JsonObject selector) throw NgsiLdException.BadData("Each entity selector must be an object.");
            var stored = new JsonObject { [TypeMember] = TypeSelection.Expand(String("entities[].type", selector[TypeMember]), context) };
            foreach (var (key, member) in selector)
            {
                switch (key)
                {
                    case TypeMember:
                        break;
                    case Id:
                        var id = String("entities[].id", member);
                        if (!Validation.IsUri(id)) throw NgsiLdException.BadData($"The entity selector id '{id}' is not a URI.");
                        stored[Id] = id;
                        break;
                    case "idPattern":
                        stored["idPattern"] = ReadPattern(String("entities[].idPattern", member));
                        break;
                    default:
                        throw NgsiLdException.BadData($"'{key}' is not a member of an entity selector.");
                }
            }
            result.Add(stored);
        }
        return result;
    }

    private static string ReadPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return pattern;
        }
        catch (ArgumentException)
        {
            throw NgsiLdException.BadData($"idPattern '{pattern}' is not a valid regular expression.");
        }
    }

    private static JsonArray ReadNames(string member, JsonNode? value, JsonLdContext context)
    {
        var names = StringList(member, value);
        return new JsonArray(names.Select(n => (JsonNode)EntityReader.ExpandName(n, context)).Distinct().ToArray());
    }

    private static JsonArray ReadTriggers(JsonNode? value)
    {
        var triggers = StringList(NotificationTrigger, value);
        foreach (var trigger in triggers)
            if (!NotificationTriggers.All.Contains(trigger)) throw NgsiLdException.BadData($"'{trigger}' is not a notification trigger.");
        return new JsonArray(triggers.Distinct(StringComparer.Ordinal).Select(t => (JsonNode)t).ToArray());
    }

    /// <summary>Checks q; clients often percent-encode it as they would in a URL, so it is decoded before parsing.</summary>
    private static string ReadQuery(JsonNode? value, JsonLdContext context)
    {
        var q = String(Q, value);
        QueryParser.Parse(DecodeQuery(q), context);
        return q;
    }

    public static string DecodeQuery(string q) => q.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(q) : q;

    private static string ReadScopeQuery(JsonNode? value)
    {
        var scopeQ = String(ScopeQ, value);
        ScopeQuery.Parse(scopeQ);
        return scopeQ;
    }

    private static JsonObject ReadGeoQuery(JsonNode? value, JsonLdContext context)
    {
        if (value is not JsonObject geo) throw NgsiLdException.BadData("geoQ must be an object with georel, geometry and coordinates.");
        var stored = new JsonObject();
        foreach (var (key, member) in geo)
        {
            switch (key)
            {
                case "georel" or "geometry":
                    stored[key] = String($"geoQ.{key}", member);
                    break;
                case "coordinates":
                    if (member is not (JsonArray or JsonValue)) throw NgsiLdException.BadData("geoQ.coordinates must be an array or a string.");
                    stored[key] = member.DeepClone();
                    break;
                case "geoproperty":
                    stored[key] = EntityReader.ExpandName(String("geoQ.geoproperty", member), context);
                    break;
                default:
                    throw NgsiLdException.BadData($"'{key}' is not a member of geoQ.");
            }
        }
        SubscriptionDocument.ParseGeoQuery(stored);
        return stored;
    }

    private static JsonArray ReadDatasetIds(JsonNode? value)
    {
        List<string> ids = value is JsonValue ? [String(DatasetId, value)] : StringList(DatasetId, value);
        foreach (var id in ids)
            if (id != "@none" && !Validation.IsUri(id)) throw NgsiLdException.BadData($"The datasetId '{id}' is not a URI.");
        return new JsonArray(ids.Select(i => (JsonNode)i).ToArray());
    }

    private static string ReadContextUrl(JsonNode? value)
    {
        var url = String(JsonldContext, value);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw NgsiLdException.BadData($"jsonldContext must be the URL of a JSON-LD @context, not '{url}'.");
        return url;
    }

    private static string ReadDateTime(string member, JsonNode? value)
    {
        var text = String(member, value);
        if (!Validation.TryParseDateTime(text, out _)) throw NgsiLdException.BadData($"{member} must be a DateTime, not '{text}'.");
        return Validation.NormalizeDateTime(text);
    }

    private static bool IsNgsiNull(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == EntityReader.NgsiNull;

    private static string String(string member, JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0
            ? v.GetValue<string>()
            : throw NgsiLdException.BadData($"{member} must be a non-empty string.");

    private static bool Bool(string member, JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValue<bool>()
            : throw NgsiLdException.BadData($"{member} must be true or false.");

    private static double PositiveNumber(string member, JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is > 0 and var n && double.IsFinite(n)
            ? n
            : throw NgsiLdException.BadData($"{member} must be a number of seconds greater than zero.");

    private static List<string> StringList(string member, JsonNode? value)
    {
        if (value is not JsonArray list || list.Count == 0) throw NgsiLdException.BadData($"{member} must be a non-empty list of strings.");
        return list.Select(item => String(member, item)).ToList();
    }
}
