using Stadtkern.Errors;

namespace Stadtkern.Subscriptions;

/// <summary>
/// An MQTT notification endpoint (clause on the MQTT binding): <c>mqtt[s]://[user[:password]@]host[:port]/topic[/level...]</c>,
/// with the protocol version and QoS taken from <c>notifierInfo</c> (<c>MQTT-Version</c>, <c>MQTT-QoS</c>).
/// </summary>
public sealed record MqttEndpoint(string Host, int Port, bool Tls, string? UserName, string? Password, string Topic, MqttVersion Version, int Qos)
{
    public const string VersionKey = "MQTT-Version";
    public const string QosKey = "MQTT-QoS";
    public const string Version311 = "mqtt3.1.1";
    public const string Version50 = "mqtt5.0";

    public static bool IsMqtt(string uri) =>
        uri.StartsWith("mqtt://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("mqtts://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads an endpoint; anything a broker could not take is refused as BadRequestData, so that it is never stored.</summary>
    public static MqttEndpoint Parse(string text, IEnumerable<KeyValuePair<string, string>> notifierInfo)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts") || uri.Host.Length == 0)
            throw NgsiLdException.BadData($"endpoint.uri '{text}' is not mqtt://host[:port]/topic or mqtts://host[:port]/topic.");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw NgsiLdException.BadData($"An MQTT endpoint.uri has no query or fragment: '{text}'.");
        var topic = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        // A notification is published to one topic: wildcards are for subscribers, and '$' topics belong to the broker.
        if (topic.Length == 0 || topic.IndexOfAny(['+', '#', '\0']) >= 0 || topic.StartsWith('$'))
            throw NgsiLdException.BadData($"The MQTT endpoint '{text}' needs a topic without wildcards (+, #) after the host, e.g. mqtt://host:1883/city/parking.");
        var tls = uri.Scheme == "mqtts";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 8883 : 1883) : uri.Port;
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        var (version, qos) = ReadNotifierInfo(notifierInfo);
        return new MqttEndpoint(uri.Host, port, tls, user, password, topic, version, qos);
    }

    /// <summary>The spec's defaults are MQTT 5.0 and QoS 0; other notifierInfo keys are left to other notifiers.</summary>
    private static (MqttVersion Version, int Qos) ReadNotifierInfo(IEnumerable<KeyValuePair<string, string>> notifierInfo)
    {
        var version = MqttVersion.V500;
        var qos = 0;
        foreach (var (key, value) in notifierInfo)
        {
            if (key == VersionKey)
            {
                version = value switch
                {
                    Version50 => MqttVersion.V500,
                    Version311 => MqttVersion.V311,
                    _ => throw NgsiLdException.BadData($"notifierInfo {VersionKey} must be {Version311} or {Version50}, not '{value}'."),
                };
            }
            else if (key == QosKey)
            {
                qos = value switch
                {
                    "0" => 0,
                    "1" => 1,
                    "2" => 2,
                    _ => throw NgsiLdException.BadData($"notifierInfo {QosKey} must be 0, 1 or 2, not '{value}'."),
                };
            }
        }
        return (version, qos);
    }

    /// <summary>The broker connection this endpoint needs; endpoints that share it share one client.</summary>
    public MqttConnectionKey Connection => new(Host, Port, Tls, UserName, Password, Version);

    public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{Host}:{Port}/{Topic}";
}

/// <summary>The MQTT protocol versions a notification can be published with.</summary>
public enum MqttVersion
{
    V311,
    V500,
}

/// <summary>What tells one broker connection from another: address, credentials and protocol version.</summary>
public sealed record MqttConnectionKey(string Host, int Port, bool Tls, string? UserName, string? Password, MqttVersion Version)
{
    /// <summary>Without the password, for logs.</summary>
    public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{(UserName is null ? "" : UserName + "@")}{Host}:{Port} ({(Version == MqttVersion.V500 ? "MQTT 5.0" : "MQTT 3.1.1")})";
}
