using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Stadtkern.Conformance;

/// <summary>Where the notification receiver listens and under which URL the broker reaches it.</summary>
public sealed class NotificationReceiverOptions
{
    /// <summary>The address Kestrel binds; port 0 picks a free one.</summary>
    public string ListenUrl { get; set; } = "http://127.0.0.1:0";

    /// <summary>The base URL written into subscriptions, when the broker must reach the receiver under another name; null uses the bound address.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The port of the receiver's MQTT broker: 0 picks a free one, a negative number runs without MQTT.</summary>
    public int MqttPort { get; set; }

    /// <summary>The host name written into MQTT endpoints, when the broker must reach the receiver under another name.</summary>
    public string MqttPublicHost { get; set; } = "127.0.0.1";

    /// <summary>The longest a case may wait for notifications in one step, whatever the case asks for.</summary>
    public TimeSpan LongestWait { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Plays the suite's notification receiver: a small HTTP server that records every notification a broker sends
/// (body, headers, arrival time) in the mailbox of the case that made the subscription.
/// </summary>
/// <remarks>
/// Each running case gets a mailbox of its own (<see cref="OpenMailbox"/>), so a late notification of one case never
/// shows up in another. A case reads its mailbox with an ordinary request: <c>GET {mailbox}received?count=N&amp;within=S</c>
/// answers once N notifications are there or S seconds have passed, with all of them as a JSON array of
/// <c>{"receivedAt", "method", "path", "headers", "body"}</c> in arrival order (header names lower case; the body as
/// JSON, or as a string when it is not JSON). <c>subscription=ID</c> counts and lists only that subscription's.
/// </remarks>
public sealed partial class NotificationReceiver : IAsyncDisposable
{
    private const string MailboxFolder = "mailbox/";
    private readonly WebApplication app;
    private readonly NotificationReceiverOptions options;
    private readonly ConcurrentDictionary<string, Mailbox> mailboxes = new(StringComparer.Ordinal);
    private int opened;

    private NotificationReceiver(WebApplication app, Uri baseUrl, NotificationReceiverOptions options)
    {
        this.app = app;
        this.options = options;
        BaseUrl = baseUrl;
    }

    /// <summary>The root URL of the receiver, ending with <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts the receiver.</summary>
    public static async Task<NotificationReceiver> StartAsync(NotificationReceiverOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new NotificationReceiverOptions();
        var app = LocalServer.Create(options.ListenUrl);

        NotificationReceiver? receiver = null;
        app.MapGet("/" + MailboxFolder + "{box}/received", (string box, int? count, double? within, string? subscription, CancellationToken aborted) =>
            receiver!.ReceivedAsync(box, count ?? 1, within ?? 0, subscription, aborted));
        app.MapMethods("/" + MailboxFolder + "{box}/{**path}", ["POST", "PUT", "PATCH"], (string box, HttpContext http) => receiver!.RecordAsync(box, http));
        await app.StartAsync(cancellation);

        receiver = new NotificationReceiver(app, LocalServer.BaseUrl(app, options.PublicBaseUrl), options);
        await receiver.StartMqttAsync();
        return receiver;
    }

    /// <summary>Opens a fresh mailbox; returns its URL (ending with <c>/</c>), below which any path records notifications.</summary>
    public string OpenMailbox()
    {
        var box = Interlocked.Increment(ref opened).ToString(System.Globalization.CultureInfo.InvariantCulture);
        mailboxes[box] = new Mailbox();
        return $"{BaseUrl}{MailboxFolder}{box}/";
    }

    /// <summary>Closes a mailbox of <see cref="OpenMailbox"/>: later notifications to it are refused with 404.</summary>
    public void CloseMailbox(string url)
    {
        mailboxes.TryRemove(BoxOf(url), out _);
    }

    public async ValueTask DisposeAsync()
    {
        await StopMqttAsync();
        await app.DisposeAsync();
    }

    /// <summary>The mailbox of a URL of <see cref="OpenMailbox"/>.</summary>
    private static string BoxOf(string mailboxUrl) => mailboxUrl.TrimEnd('/').Split('/')[^1];

    private async Task<IResult> RecordAsync(string box, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (!mailboxes.TryGetValue(box, out var mailbox))
        {
            return Results.NotFound();
        }

        var headers = new JsonObject();
        foreach (var (name, values) in http.Request.Headers)
        {
            headers[name.ToLowerInvariant()] = values.ToString();
        }

        var prefix = $"/{MailboxFolder}{box}";
        mailbox.Add(new JsonObject
        {
            ["receivedAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["method"] = http.Request.Method,
            ["path"] = http.Request.Path.Value is { } path && path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : http.Request.Path.Value,
            ["headers"] = headers,
            ["body"] = SuiteData.TryParse(text, out var json) && text.Length > 0 ? json : JsonValue.Create(text),
        });
        return Results.Ok();
    }

    private async Task<IResult> ReceivedAsync(string box, int count, double within, string? subscription, CancellationToken aborted)
    {
        if (!mailboxes.TryGetValue(box, out var mailbox))
        {
            return Results.NotFound();
        }

        var wait = TimeSpan.FromSeconds(Math.Clamp(within, 0, options.LongestWait.TotalSeconds));
        var list = await mailbox.WaitForAsync(count, subscription, wait, aborted);
        return Results.Text(new JsonArray([.. list.Select(n => n.DeepClone())]).ToJsonString(), "application/json");
    }

    /// <summary>The notifications of one case, and a signal for each arrival.</summary>
    private sealed class Mailbox
    {
        private readonly List<JsonObject> received = [];
        private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(JsonObject notification)
        {
            TaskCompletionSource signal;
            lock (received)
            {
                received.Add(notification);
                signal = arrived;
                arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            signal.TrySetResult();
        }

        public async Task<IReadOnlyList<JsonObject>> WaitForAsync(int count, string? subscription, TimeSpan within, CancellationToken aborted)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            deadline.CancelAfter(within);
            while (true)
            {
                Task next;
                List<JsonObject> matching;
                lock (received)
                {
                    matching = [.. received.Where(n => subscription is null || SubscriptionOf(n) == subscription)];
                    next = arrived.Task;
                }

                if (matching.Count >= count)
                {
                    return matching;
                }

                try
                {
                    await next.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    lock (received)
                    {
                        return [.. received.Where(n => subscription is null || SubscriptionOf(n) == subscription)];
                    }
                }
            }
        }

        // An MQTT 3.1.1 notification wraps the notification in {"metadata", "body"}.
        private static string? SubscriptionOf(JsonObject notification) =>
            notification["body"] is JsonObject body && (body["subscriptionId"] ?? body["body"]?["subscriptionId"]) is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
    }
}
