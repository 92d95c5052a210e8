using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>One notification as the receiver got it: path, headers and parsed body.</summary>
public sealed record ReceivedNotification(string Path, IReadOnlyDictionary<string, string> Headers, JsonObject Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string SubscriptionId => Body["subscriptionId"]!.GetValue<string>();

    public JsonObject Entity(int index = 0) => (JsonObject)Body["data"]![index]!;
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel) that records every notification POSTed to it. It can answer 500 instead
/// (<see cref="Failing"/>), never answer (<see cref="Hanging"/>), or be stopped and started again on the same port.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedNotification> _received = new();
    private readonly CancellationTokenSource _hang = new();
    private WebApplication? _app;
    private int _hanging;
    private int _inFlight;
    private int _mostInFlight;

    private NotificationReceiver(int port) => Port = port;

    public int Port { get; private set; }

    /// <summary>When true, requests get 500 and are not recorded.</summary>
    public bool Failing { get; set; }

    /// <summary>When true, requests are never answered (until the receiver is disposed).</summary>
    public bool Hanging { get; set; }

    /// <summary>The URL of a path on this receiver (the path lets several subscriptions share it).</summary>
    public string Url(string path = "notify") => $"http://127.0.0.1:{Port}/{path}";

    public IReadOnlyList<ReceivedNotification> Received => [.. _received];

    /// <summary>How long each request waits before it is answered (a distant or slow receiver).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The most requests this receiver has had open at the same time.</summary>
    public int MostInFlight => Volatile.Read(ref _mostInFlight);

    /// <summary>Requests held unanswered right now (while <see cref="Hanging"/>).</summary>
    public int HeldRequests => Volatile.Read(ref _hanging);

    public static async Task<NotificationReceiver> StartAsync()
    {
        var receiver = new NotificationReceiver(0);
        await receiver.StartAgainAsync();
        return receiver;
    }

    /// <summary>Stops listening: senders get connection refused, as from a receiver that is down.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Listens again on the same port.</summary>
    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/{**path}", HandleAsync);
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    private async Task<IResult> HandleAsync(HttpContext http, string path)
    {
        var open = Interlocked.Increment(ref _inFlight);
        try
        {
            int most;
            while (open > (most = Volatile.Read(ref _mostInFlight)) && Interlocked.CompareExchange(ref _mostInFlight, open, most) != most)
            {
            }
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, http.RequestAborted);
            return await AnswerAsync(http, path);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<IResult> AnswerAsync(HttpContext http, string path)
    {
        if (Hanging)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(_hang.Token, http.RequestAborted);
            Interlocked.Increment(ref _hanging);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return Results.StatusCode(499);
            }
            finally
            {
                Interlocked.Decrement(ref _hanging);
            }
        }
        if (Failing) return Results.StatusCode(500);
        using var reader = new StreamReader(http.Request.Body);
        var body = (JsonObject)JsonNode.Parse(await reader.ReadToEndAsync())!;
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedNotification(path, headers, body));
        return Results.Ok();
    }

    /// <summary>Waits (polling, with a generous time-out) for a notification that matches; fails the test when none comes.</summary>
    public async Task<ReceivedNotification> WaitForAsync(Func<ReceivedNotification, bool> match, string what = "a matching notification", TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (_received.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"No notification came: expected {what}. Received: {string.Join("\n", _received.Select(r => r.Body.ToJsonString()))}");
    }

    /// <summary>The notifications of one subscription, in the order they arrived.</summary>
    public IReadOnlyList<ReceivedNotification> Of(string subscriptionId) => _received.Where(r => r.SubscriptionId == subscriptionId).ToList();

    /// <summary>Waits for the <paramref name="count"/>-th notification of a subscription and returns them all in order.</summary>
    public async Task<IReadOnlyList<ReceivedNotification>> WaitForCountAsync(string subscriptionId, int count, TimeSpan? timeout = null)
    {
        await WaitForAsync(_ => Of(subscriptionId).Count >= count, $"{count} notifications of {subscriptionId}", timeout);
        return Of(subscriptionId);
    }

    public async ValueTask DisposeAsync()
    {
        await _hang.CancelAsync();
        await StopAsync();
        _hang.Dispose();
    }
}
