using System.Diagnostics;
using System.Text.Json;

namespace Stadtkern.Bench;

/// <summary>
/// The notification receiver of the latency benchmark, on 127.0.0.1 in the benchmark's process: each subscription
/// posts to <c>/notify/{index}</c>; the receiver notes when the notification of each update (its <c>reading</c> is
/// the update's sequence number) arrived.
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly long[] _arrivals;
    private readonly int _updates;
    private long _received;
    private long _ignored;

    private NotificationReceiver(WebApplication app, int subscriptions, int updates)
    {
        _app = app;
        _updates = updates;
        _arrivals = new long[subscriptions * updates];
        Array.Fill(_arrivals, -1);
    }

    public int Port { get; private set; }

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Notifications of updates outside the measured range (warm-up) or not in the expected shape.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>Stopwatch timestamp of the arrival of update <paramref name="update"/>'s notification for subscription <paramref name="subscription"/>; -1 if none came.</summary>
    public long Arrival(int subscription, int update) => Volatile.Read(ref _arrivals[subscription * _updates + update]);

    /// <summary>Forgets every arrival (between the baseline and the measured run).</summary>
    public void Reset()
    {
        Array.Fill(_arrivals, -1);
        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _ignored, 0);
    }

    public static async Task<NotificationReceiver> StartAsync(int subscriptions, int updates)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new NotificationReceiver(app, subscriptions, updates);
        app.MapPost("/notify/{subscription:int}", async (int subscription, HttpRequest request) =>
        {
            var at = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(request.Body);
            receiver.Record(subscription, body.RootElement, at);
            return Results.NoContent();
        });
        await app.StartAsync();
        receiver.Port = new Uri(app.Urls.First()).Port;
        return receiver;
    }

    private void Record(int subscription, JsonElement notification, long at)
    {
        if (!notification.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            Interlocked.Increment(ref _ignored);
            return;
        }
        foreach (var entity in data.EnumerateArray())
        {
            if (subscription < 0 || subscription * _updates >= _arrivals.Length || !entity.TryGetProperty("reading", out var reading)
                || !reading.TryGetInt32(out var update) || update < 0 || update >= _updates)
            {
                Interlocked.Increment(ref _ignored);
                continue;
            }
            // A retried notification keeps its first arrival.
            if (Interlocked.CompareExchange(ref _arrivals[subscription * _updates + update], at, -1) == -1) Interlocked.Increment(ref _received);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
