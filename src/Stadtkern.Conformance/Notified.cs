using System.Text.Json.Nodes;

namespace Stadtkern.Conformance;

/// <summary>
/// Steps and checks on the notifications a case received (its mailbox on the <see cref="NotificationReceiver"/>), so that
/// a case table reads like the suite: "wait for notification", "wait for no notification", "the notification's data[0]
/// equals this expectation".
/// </summary>
/// <remarks>
/// A wait is an ordinary step: a request to the case's mailbox that answers once enough notifications arrived or the
/// time is up, with every notification so far (in arrival order) as a JSON array. Its checks then look at the array:
/// <see cref="Count"/> at its length, the others at one notification (0 is the first to arrive). Waits are bounded;
/// nothing checks how long a notification took.
/// </remarks>
public static class Notified
{
    /// <summary>How long a case waits for a notification by default (the suite waits 5 to 15 s).</summary>
    public const int DefaultWaitSeconds = 10;

    /// <summary>How long a case waits to see that no (further) notification comes (the suite's "Wait for no notification": 5 s).</summary>
    public const int DefaultQuietSeconds = 5;

    /// <summary>Waits until <paramref name="count"/> notifications arrived (of the subscription in <paramref name="subscriptionVariable"/> only, when given).</summary>
    public static Request Await(int count = 1, string? subscriptionVariable = null, int withinSeconds = DefaultWaitSeconds) =>
        Http.Get($"{{{BuiltInVariables.Notifications}}}received?count={count}&within={withinSeconds}"
            + (subscriptionVariable is null ? "" : $"&subscription={{{subscriptionVariable}|url}}"));

    /// <summary>Waits the whole period for a notification beyond the <paramref name="received"/> ones so far; check with <c>Count(received)</c>.</summary>
    public static Request Quiet(int received = 0, string? subscriptionVariable = null, int withinSeconds = DefaultQuietSeconds) =>
        Await(received + 1, subscriptionVariable, withinSeconds);

    /// <summary>Exactly this many notifications arrived.</summary>
    public static Check Count(int notifications) => new ResponseCheck($"{notifications} notification(s) received", (response, _) =>
        response.Json is JsonArray list
            ? list.Count == notifications ? null : $"{list.Count} arrived"
            : "the receiver did not answer with a list of notifications");

    /// <summary>At least this many notifications arrived.</summary>
    public static Check AtLeast(int notifications) => new ResponseCheck($"at least {notifications} notification(s) received", (response, _) =>
        response.Json is JsonArray list
            ? list.Count >= notifications ? null : $"{list.Count} arrived"
            : "the receiver did not answer with a list of notifications");

    /// <summary>The value at a simple path of a notification's body (<c>$.subscriptionId</c>, <c>$.data[0].id</c>) equals the JSON literal (variables allowed).</summary>
    public static Check Value(int notification, string path, string jsonLiteral) =>
        Expect.Value(BodyPath(notification, path), jsonLiteral);

    /// <summary>The value at a simple path of the recorded notification itself (<c>$.mqtt.qos</c>, <c>$.method</c>) equals the JSON literal.</summary>
    public static Check Recorded(int notification, string path, string jsonLiteral) =>
        Expect.Value(path.StartsWith('$') ? $"$[{notification}]{path[1..]}" : throw new FormatException($"The path '{path}' does not start with '$'."), jsonLiteral);

    /// <summary>Something is at the simple path of a notification's body.</summary>
    public static Check Has(int notification, string path) => new ResponseCheck($"notification {notification} has {path}", (response, context) =>
        JsonPath.TryGet(response.Json, BodyPath(notification, path), out _) ? null : "nothing there");

    /// <summary>Nothing is at the simple path of a notification's body.</summary>
    public static Check Lacks(int notification, string path) => Expect.Absent(BodyPath(notification, path));

    /// <summary>The part of a notification's body at <paramref name="path"/> equals the expectation under the suite's comparison rules, ignoring these keys.</summary>
    public static Check Body(int notification, string path, Payload expected, params string[] ignoredKeys) =>
        new ResponseCheck($"notification {notification} {path} as {expected.File ?? "the literal expectation"}", (response, context) =>
        {
            if (!JsonPath.TryGet(response.Json, BodyPath(notification, path), out var actual))
            {
                return "nothing there";
            }

            var differences = JsonComparer.Compare(context.BuildJson(expected), actual, ignoredKeys);
            return differences.Count == 0 ? null : string.Join("\n  ", ["differs:", .. differences.Take(15)]);
        });

    /// <summary>A notification came with this header (name case-insensitive), equal to the value when given (variables allowed).</summary>
    public static Check Header(int notification, string name, string? value = null) =>
        new ResponseCheck($"notification {notification} header {name}" + (value is null ? "" : $" = '{value}'"), (response, context) =>
        {
            if (!JsonPath.TryGet(response.Json, $"$[{notification}].headers['{name.ToLowerInvariant()}']", out var header) || header is null)
            {
                return "no such header";
            }

            var actual = header.GetValue<string>();
            return value is null || actual == context.Text(value) ? null : $"got '{actual}'";
        });

    /// <summary>A notification came without this header.</summary>
    public static Check NoHeader(int notification, string name) =>
        Expect.Absent($"$[{notification}].headers['{name.ToLowerInvariant()}']");

    private static string BodyPath(int notification, string path) =>
        path.StartsWith('$') ? $"$[{notification}].body{path[1..]}" : throw new FormatException($"The path '{path}' does not start with '$'.");
}
