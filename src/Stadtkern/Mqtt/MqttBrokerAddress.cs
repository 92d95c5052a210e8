namespace Stadtkern.Host.Mqtt;

/// <summary>Where the external MQTT broker is: <c>mqtt://host[:1883]</c>, or <c>mqtts://host[:8883]</c> over TLS.</summary>
internal sealed record MqttBrokerAddress(string Host, int Port, bool Tls)
{
    public static MqttBrokerAddress Parse(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts") || uri.Host.Length == 0
            || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            throw new InvalidOperationException(
                $"The MQTT broker '{value}' is not mqtt://host:port or mqtts://host:port (credentials go in MqttUsername and MqttPassword).");
        var tls = uri.Scheme == "mqtts";
        return new MqttBrokerAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (tls ? 8883 : 1883) : uri.Port, tls);
    }

    public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
