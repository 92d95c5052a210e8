namespace Stadtkern.Load.Profiles;

/// <summary>
/// <c>city</c>: a mixed day in the city. Of every 100 requests, 80 are sensor readings (partial updates of loaded entities),
/// 10 dashboard queries (<c>type</c>+<c>q</c>), 7 dashboard map views (geo <c>near</c>) and 3 reads of one entity; a few
/// subscriptions on air quality notify an HTTP sink on this machine, and the notifications received are reported.
/// </summary>
internal sealed class CityProfile(ProfileSettings settings) : LoadProfile
{
    private readonly string run = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
    private readonly List<string> subscriptions = [];
    private NotificationSink? sink;

    public override string Name => "city";

    public override int WritesPerRequest => 1;

    public override async Task PrepareAsync(Action<string> log, CancellationToken cancellation)
    {
        await CityLoader.LoadAsync(settings.Target, settings.City, settings.Entities, log, cancellation);
        sink = await NotificationSink.StartAsync(listenAll: settings.CallbackHost != "127.0.0.1", cancellation);
        var endpoint = $"http://{settings.CallbackHost}:{sink.Port}/notify";
        log($"making {settings.Subscriptions} subscriptions to AirQualityObserved NO2, notifying {endpoint} …");
        for (var i = 0; i < settings.Subscriptions; i++)
        {
            var id = $"urn:ngsi-ld:Subscription:bench-{run}-{i}";
            await settings.Target.SendOrThrowAsync(HttpMethod.Post, "subscriptions", $$$$"""
                {"id":"{{{{id}}}}","type":"Subscription","entities":[{"type":"AirQualityObserved"}],"watchedAttributes":["NO2"],"q":"NO2>{{{{20 + 10 * i}}}}",
                 "notification":{"format":"keyValues","attributes":["NO2"],"endpoint":{"uri":"{{{{endpoint}}}}","accept":"application/json"}}}
                """, cancellation, 201);
            subscriptions.Add(id);
        }
    }

    public override Task<RequestOutcome> SendAsync(long k, CancellationToken cancellation) =>
        Deterministic.Unit(settings.Seed, k, 50) switch
        {
            < 0.80 => UpdateProfile.Update(settings, "sensor update", k, cancellation),
            < 0.90 => QueryProfile.Query(settings, "dashboard query", k, cancellation),
            < 0.97 => GeoProfile.Near(settings, "dashboard map", k, cancellation),
            _ => settings.Target.SendAsync("entity read", HttpMethod.Get,
                "entities/" + Uri.EscapeDataString(settings.City.Id(Deterministic.Below(settings.Entities, settings.Seed, k, 11))), null, cancellation),
        };

    public override IReadOnlyDictionary<string, double> Figures() =>
        new Dictionary<string, double> { ["subscriptions"] = subscriptions.Count, ["notificationsReceived"] = sink?.Received ?? 0 };

    public override async ValueTask DisposeAsync()
    {
        foreach (var id in subscriptions)
        {
            try
            {
                await settings.Target.SendOrThrowAsync(HttpMethod.Delete, "subscriptions/" + Uri.EscapeDataString(id), null, CancellationToken.None, 204, 404);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                // The target went away; nothing left to clean.
            }
        }
        if (sink is not null) await sink.DisposeAsync();
        await base.DisposeAsync();
    }
}
