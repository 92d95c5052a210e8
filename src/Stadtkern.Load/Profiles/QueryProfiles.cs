using System.Globalization;

namespace Stadtkern.Load.Profiles;

/// <summary><c>query</c>: <c>type</c> + <c>q</c> on the loaded waste containers (full ones of one waste type), first page of 20.</summary>
internal sealed class QueryProfile(ProfileSettings settings) : LoadProfile
{
    private static readonly string[] WasteTypes = ["glass", "paper", "organic", "plastic", "residual"];

    public override string Name => "query";

    public override Task PrepareAsync(Action<string> log, CancellationToken cancellation) =>
        CityLoader.LoadAsync(settings.Target, settings.City, settings.Entities, log, cancellation);

    public override Task<RequestOutcome> SendAsync(long k, CancellationToken cancellation) => Query(settings, "query", k, cancellation);

    public static Task<RequestOutcome> Query(ProfileSettings settings, string operation, long k, CancellationToken cancellation)
    {
        var level = (0.8 + Deterministic.Unit(settings.Seed, k, 21) * 0.19).ToString("0.00", CultureInfo.InvariantCulture);
        var q = Uri.EscapeDataString($"fillingLevel>{level};wasteType==\"{WasteTypes[k % WasteTypes.Length]}\"");
        return settings.Target.SendAsync(operation, HttpMethod.Get, $"entities?type=WasteContainer&q={q}&limit=20", null, cancellation);
    }
}

/// <summary><c>geo</c>: parking spots within 200 m of a point of the city (<c>georel=near;maxDistance==200</c>), first page of 20.</summary>
internal sealed class GeoProfile(ProfileSettings settings) : LoadProfile
{
    public override string Name => "geo";

    public override Task PrepareAsync(Action<string> log, CancellationToken cancellation) =>
        CityLoader.LoadAsync(settings.Target, settings.City, settings.Entities, log, cancellation);

    public override Task<RequestOutcome> SendAsync(long k, CancellationToken cancellation) => Near(settings, "geo", k, cancellation);

    public static Task<RequestOutcome> Near(ProfileSettings settings, string operation, long k, CancellationToken cancellation)
    {
        var (lon, lat) = settings.City.Point(k, 30);
        var coordinates = Uri.EscapeDataString(string.Create(CultureInfo.InvariantCulture, $"[{lon},{lat}]"));
        return settings.Target.SendAsync(operation, HttpMethod.Get,
            $"entities?type=ParkingSpot&georel={Uri.EscapeDataString("near;maxDistance==200")}&geometry=Point&coordinates={coordinates}&limit=20", null, cancellation);
    }
}

/// <summary>
/// <c>temporal</c>: hourly average and maximum of a week of NO2 readings of an air-quality station
/// (<c>GET /temporal/entities/{id}?options=aggregatedValues&amp;aggrMethods=avg,max&amp;aggrPeriodDuration=PT1H</c>);
/// the stations' histories (168 readings each, up to 50 stations) are loaded through <c>POST /temporal/entities</c>.
/// </summary>
internal sealed class TemporalProfile(ProfileSettings settings) : LoadProfile
{
    private const int Hours = 168;
    private int Stations => (int)Math.Clamp(settings.Entities, 1, 50);

    public override string Name => "temporal";

    private string StationId(long i) => $"urn:ngsi-ld:AirQualityObserved:bench-history-s{settings.Seed}-{i:D3}";

    public override async Task PrepareAsync(Action<string> log, CancellationToken cancellation)
    {
        log($"loading {Stations} stations × {Hours} hourly NO2 readings (POST /temporal/entities) …");
        for (var i = 0; i < Stations; i++)
        {
            var readings = Enumerable.Range(0, Hours).Select(h => string.Create(CultureInfo.InvariantCulture,
                $$"""{"type":"Property","value":{{Math.Round(10 + Deterministic.Unit(settings.Seed, i * Hours + h, 40) * 50, 1)}},"unitCode":"GQ","observedAt":"{{CityEntities.Instant(CityEntities.Epoch.AddHours(h))}}"}"""));
            // 409: the history is there from an earlier run with the same seed.
            await settings.Target.SendOrThrowAsync(HttpMethod.Post, "temporal/entities",
                $$"""{"id":"{{StationId(i)}}","type":"AirQualityObserved","NO2":[{{string.Join(",", readings)}}]}""", cancellation, 201, 204, 409);
        }
    }

    public override Task<RequestOutcome> SendAsync(long k, CancellationToken cancellation)
    {
        var from = Uri.EscapeDataString(CityEntities.Instant(CityEntities.Epoch));
        var to = Uri.EscapeDataString(CityEntities.Instant(CityEntities.Epoch.AddHours(Hours)));
        return settings.Target.SendAsync("temporal", HttpMethod.Get,
            $"temporal/entities/{Uri.EscapeDataString(StationId(Deterministic.Below(Stations, settings.Seed, k, 41)))}?attrs=NO2&options=aggregatedValues&aggrMethods=avg,max&aggrPeriodDuration=PT1H&timerel=between&timeAt={from}&endTimeAt={to}",
            null, cancellation);
    }
}
