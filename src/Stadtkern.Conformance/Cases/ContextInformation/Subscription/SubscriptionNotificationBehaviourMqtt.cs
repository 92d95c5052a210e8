using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.NotificationKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>058: notifications to an MQTT endpoint (the MQTT binding; clause 5.2.15 endpoint, notifierInfo MQTT-QoS and MQTT-Version).</summary>
/// <remarks>
/// The receiver's MQTT broker plays the suite's mosquitto: it takes every connection and records what is published to
/// the case's topic, with the QoS, protocol version and credentials used, so the cases check those directly rather than
/// through a broker configuration. It listens on a free port, so an endpoint names it, except in 058_01_01, which is
/// about the default port. The suite's 058_01_03, 058_01_04, 058_02 and 058_03 leave the port out only because their
/// mosquitto listens on 1883; what they check (user, password, QoS, version) does not depend on it.
/// </remarks>
public static class SubscriptionNotificationBehaviourMqtt
{
    private const string MqttClause = Clause + "/MQTT";
    private const string Subscription = "subscription-building-entities-default.jsonld";

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var (id, title, endpoint, user, password) in new (string, string, string, string?, string?)[]
        {
            ("058_01_01", "Without user and port (the default port 1883)", "mqtt://{mqttHost}/{mqttTopic}", null, null),
            ("058_01_02", "With a port", "mqtt://{mqttBroker}/{mqttTopic}", null, null),
            ("058_01_03", "With a user", "mqtt://user@{mqttBroker}/{mqttTopic}", "user", null),
            ("058_01_04", "With a user and password", "mqtt://user_with_password:password@{mqttBroker}/{mqttTopic}", "user_with_password", "password"),
            ("058_01_05", "With a user, password and port", "mqtt://user_with_password:password@{mqttBroker}/{mqttTopic}", "user_with_password", "password"),
        })
        {
            yield return Mqtt(id, title, endpoint)
                .Then(UpdateAttributes(AirQuality), Expect.Status(204))
                .Then(Notified.Await(), Notified.Count(1), Notified.Recorded(0, "$.method", "\"MQTT\""),
                    Notified.Recorded(0, "$.mqtt.userName", user is null ? "null" : $"\"{user}\""),
                    Notified.Recorded(0, "$.mqtt.password", password is null ? "null" : $"\"{password}\""));
        }

        foreach (var (id, title, qos) in new[] { ("058_02_01", "With the default QoS", (string?)null), ("058_02_02", "With QoS 1", "1"), ("058_02_03", "With QoS 2", "2") })
        {
            yield return Mqtt(id, title, "mqtt://{mqttBroker}/{mqttTopic}", qos is null ? null : ("MQTT-QoS", qos))
                .Then(UpdateAttributes(AirQuality), Expect.Status(204))
                .Then(Notified.Await(), Notified.Count(1), Notified.Recorded(0, "$.mqtt.qos", qos ?? "0"));
        }

        foreach (var (id, title, version) in new[]
        {
            ("058_03_01", "With the default protocol", (string?)null), ("058_03_02", "With MQTT 3.1.1", "mqtt3.1.1"), ("058_03_03", "With MQTT 5.0", "mqtt5.0"),
        })
        {
            Check[] checks = version is null ? [] : [Notified.Recorded(0, "$.mqtt.protocolVersion", $"\"{version}\"")];
            yield return Mqtt(id, title, "mqtt://{mqttBroker}/{mqttTopic}", version is null ? null : ("MQTT-Version", version))
                .Then(UpdateAttributes(AirQuality), Expect.Status(204))
                .Then(Notified.Await(), [Notified.Count(1), .. checks]);
        }

        // The suite reads the payload as {"metadata": {headers}, "body": notification}.
        yield return Mqtt("058_04_01", "The notification is well formed", "mqtt://{mqttBroker}/{mqttTopic}",
                receiverInfo: true)
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), Notified.AtLeast(1),
                Notified.Has(0, "$.metadata['Content-Type']"), Notified.Has(0, "$.metadata.Link"),
                Notified.Value(0, "$.metadata['test-receiver-key']", "\"test-receiver-info\""),
                Notified.Value(0, "$.body.type", "\"Notification\""), Notified.Has(0, "$.body.data[0].id"), Notified.Has(0, "$.body.data[0].type"));
    }

    /// <summary>The entity and a subscription of it whose endpoint is the MQTT URI, with one notifierInfo pair and the suite's receiverInfo when asked.</summary>
    private static ConformanceCase Mqtt(string id, string title, string endpoint, (string Key, string Value)? notifierInfo = null, bool receiverInfo = false) =>
        Watching(id, title, Subscription, adjust: p =>
        {
            p = p.Set("$.notification.endpoint.uri", $"\"{endpoint}\"");
            if (notifierInfo is { } info) p = p.Set("$.notification.endpoint.notifierInfo", $$"""[{"key": "{{info.Key}}", "value": "{{info.Value}}"}]""");
            return receiverInfo ? p.Set("$.notification.endpoint.receiverInfo", """[{"key": "test-receiver-key", "value": "test-receiver-info"}]""") : p;
        }) with { Clause = MqttClause };
}
