using System.Globalization;
using System.Text;

namespace Stadtkern.Load;

/// <summary>
/// The entities of a benchmark city, in the shapes of the FIWARE Smart Data Models (WasteContainer, Streetlight,
/// AirQualityObserved, ParkingSpot) around Darmstadt's centre: entity k is the same for the same seed in every run.
/// </summary>
public sealed class CityEntities(int seed, string prefix = "bench")
{
    public static readonly string[] Types = ["WasteContainer", "Streetlight", "AirQualityObserved", "ParkingSpot"];

    /// <summary>The instant the generated observations count from: 2026-01-01T00:00:00Z; observation k is k seconds later.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] WasteTypes = ["glass", "paper", "organic", "plastic", "residual"];
    private const double CentreLat = 49.8728;
    private const double CentreLon = 8.6512;

    public int Seed => seed;

    public static string TypeOf(long k) => Types[k % Types.Length];

    public string Id(long k) => $"urn:ngsi-ld:{TypeOf(k)}:{prefix}-s{seed}-{k:D7}";

    /// <summary>A point of the city for (k, salt): longitude and latitude.</summary>
    public (double Lon, double Lat) Point(long k, int salt = 0) =>
        (Math.Round(CentreLon + (Deterministic.Unit(seed, k, salt + 1) - 0.5) * 0.10, 6),
         Math.Round(CentreLat + (Deterministic.Unit(seed, k, salt + 2) - 0.5) * 0.06, 6));

    /// <summary>Entity k as normalized NGSI-LD JSON (default context).</summary>
    public string Entity(long k)
    {
        var (lon, lat) = Point(k);
        var text = new StringBuilder(512);
        text.Append(CultureInfo.InvariantCulture, $$$"""{"id":"{{{Id(k)}}}","type":"{{{TypeOf(k)}}}","location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[{{{lon}}},{{{lat}}}]}},""");
        var u = Deterministic.Unit(seed, k, 3);
        text.Append((k % Types.Length) switch
        {
            0 => Invariant($$"""{{Measurement(k, 0)}},"wasteType":{"type":"Property","value":"{{WasteTypes[k / Types.Length % WasteTypes.Length]}}"},"status":{"type":"Property","value":"ok"},"refWasteContainerIsle":{"type":"Relationship","object":"urn:ngsi-ld:WasteContainerIsle:{{prefix}}-{{k / 16}}"}"""),
            1 => Invariant($$"""{{Measurement(k, 0)}},"powerState":{"type":"Property","value":"{{(u < 0.9 ? "on" : "off")}}"},"status":{"type":"Property","value":"{{(u < 0.97 ? "ok" : "defectiveLamp")}}"}"""),
            2 => Invariant($$"""{{Measurement(k, 0)}},"PM10":{"type":"Property","value":{{Math.Round(8 + u * 25, 1)}},"unitCode":"GQ"},"temperature":{"type":"Property","value":{{Math.Round(-5 + u * 30, 1)}},"unitCode":"CEL"}"""),
            _ => Invariant($$"""{{Measurement(k, 0)}},"category":{"type":"Property","value":["onStreet"]},"refParkingSite":{"type":"Relationship","object":"urn:ngsi-ld:ParkingSite:{{prefix}}-{{k / 64}}"}"""),
        });
        return text.Append('}').ToString();
    }

    /// <summary>The attribute a sensor of entity k reports: fillingLevel, illuminanceLevel, NO2 or status.</summary>
    public static string MeasuredAttribute(long k) => (k % Types.Length) switch
    {
        0 => "fillingLevel",
        1 => "illuminanceLevel",
        2 => "NO2",
        _ => "status",
    };

    /// <summary>Reading number <paramref name="reading"/> of entity k, as <c>"name":{...}</c> with its observedAt (reading seconds after <see cref="Epoch"/>, repeating after about three years).</summary>
    public string Measurement(long k, long reading)
    {
        var u = Deterministic.Unit(seed, k * 7919 + reading, 4);
        var observedAt = Instant(Epoch.AddSeconds(reading % 100_000_000));
        var value = (k % Types.Length) switch
        {
            0 => Invariant($"{Math.Round(u, 3)},\"unitCode\":\"C62\""),
            1 => Invariant($"{Math.Round(0.3 + u * 0.7, 3)},\"unitCode\":\"C62\""),
            2 => Invariant($"{Math.Round(10 + u * 50, 1)},\"unitCode\":\"GQ\""),
            _ => u < 0.6 ? "\"occupied\"" : "\"free\"",
        };
        return $$"""
            "{{MeasuredAttribute(k)}}":{"type":"Property","value":{{value}},"observedAt":"{{observedAt}}"}
            """;
    }

    /// <summary>Entities [first, first + count) as a JSON array, for batch operations.</summary>
    public string Batch(long first, int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => Entity(first + i))) + "]";

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
