using System.Text.RegularExpressions;

namespace Stadtkern.Conformance;

/// <summary>The names of the variables every case has without declaring them.</summary>
public static class BuiltInVariables
{
    /// <summary>The broker's NGSI-LD root, ending with <c>/</c> (e.g. <c>http://127.0.0.1:1026/ngsi-ld/v1/</c>).</summary>
    public const string BrokerRoot = "brokerRoot";

    /// <summary>The context server's root, ending with <c>/</c>.</summary>
    public const string ContextServer = "contextServer";

    /// <summary>The suite's compound context as the broker sees it (rewritten to the context server).</summary>
    public const string CompoundContext = "compoundContext";

    /// <summary>The suite's plain term context as the broker sees it (rewritten to the context server).</summary>
    public const string PlainContext = "plainContext";

    /// <summary>The core context URL the run treats as the broker's (the suite's <c>core_context</c> setting).</summary>
    public const string CoreContext = "coreContext";

    /// <summary>The case's mailbox on the notification receiver, ending with <c>/</c> (see <see cref="NotificationReceiver"/>).</summary>
    public const string Notifications = "notifications";

    /// <summary>The URL a case writes into its subscriptions' <c>notification.endpoint.uri</c>: a path in its mailbox.</summary>
    public const string NotificationEndpoint = "notificationEndpoint";

    /// <summary>The <c>host:port</c> of the receiver's MQTT broker, for <c>mqtt://</c> endpoints (set only when the receiver runs one).</summary>
    public const string MqttBroker = "mqttBroker";

    /// <summary>The host of <see cref="MqttBroker"/> alone (an endpoint without a port means the default port 1883).</summary>
    public const string MqttHost = "mqttHost";

    /// <summary>The MQTT topic of the case's mailbox: what a broker publishes there is recorded like an HTTP notification.</summary>
    public const string MqttTopic = "mqttTopic";
}

/// <summary>Replaces <c>{name}</c> in templates by a case variable, and <c>{name|url}</c> by it percent-encoded for use in a path segment.</summary>
public static partial class Variables
{
    /// <summary>Thrown when a template names a variable the case does not have.</summary>
    public sealed class MissingException(string name) : Exception($"The variable '{{{name}}}' is not set (no id, value or capture of that name so far).")
    {
        public string Name { get; } = name;
    }

    /// <summary>
    /// Substitutes the variables. With <paramref name="strict"/>, an unknown <c>{name}</c> throws <see cref="MissingException"/>;
    /// without, it is left as written (JSON bodies are full of braces that are not variables).
    /// </summary>
    public static string Substitute(string template, IReadOnlyDictionary<string, string> variables, bool strict)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        return Pattern().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            if (!variables.TryGetValue(name, out var value))
            {
                return strict ? throw new MissingException(name) : m.Value;
            }

            return m.Groups["url"].Success ? Uri.EscapeDataString(value) : value;
        });
    }

    /// <summary>The names a template refers to.</summary>
    public static IEnumerable<string> NamesIn(string template) =>
        Pattern().Matches(template).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<url>\|url)?\}")]
    private static partial Regex Pattern();
}
