using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;

namespace Stadtkern.Host;

/// <summary>A small sample city around Darmstadt's centre, in the shapes of the FIWARE Smart Data Models (default context, so plain curl queries find it).</summary>
internal static class SampleCity
{
    private const double CentreLat = 49.8728;
    private const double CentreLon = 8.6512;

    public static async Task<int> SeedAsync(EntityService service, CancellationToken cancellation)
    {
        var created = 0;
        var random = new Random(91357);
        foreach (var entity in Entities(random))
        {
            try
            {
                await service.CreateAsync("", entity, JsonLdContext.Core, cancellation);
                created++;
            }
            catch (NgsiLdException e) when (e.Type == ErrorType.AlreadyExists)
            {
                // The demo directory was seeded before; keep what is there.
            }
        }
        return created;
    }

    private static JsonObject Point(Random random, double spread)
    {
        var lon = Math.Round(CentreLon + (random.NextDouble() - 0.5) * spread, 6);
        var lat = Math.Round(CentreLat + (random.NextDouble() - 0.5) * spread * 0.66, 6);
        return new JsonObject { ["type"] = "GeoProperty", ["value"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) } };
    }

    private static JsonObject Prop(JsonNode value, string? unit = null, string? observedAt = null)
    {
        var p = new JsonObject { ["type"] = "Property", ["value"] = value };
        if (unit is not null) p["unitCode"] = unit;
        if (observedAt is not null) p["observedAt"] = observedAt;
        return p;
    }

    private static IEnumerable<JsonObject> Entities(Random random)
    {
        const string observed = "2026-11-28T08:00:00Z";
        for (var i = 1; i <= 12; i++)
            yield return new JsonObject
            {
                ["id"] = $"urn:ngsi-ld:WasteContainer:darmstadt-{i:D3}",
                ["type"] = "WasteContainer",
                ["location"] = Point(random, 0.04),
                ["fillingLevel"] = Prop(Math.Round(random.NextDouble(), 2), "C62", observed),
                ["wasteType"] = Prop(new JsonArray(i % 3 == 0 ? "paper" : i % 3 == 1 ? "glass" : "organic")),
                ["status"] = Prop(i % 5 == 0 ? "lidOpen" : "ok"),
            };
        for (var i = 1; i <= 20; i++)
            yield return new JsonObject
            {
                ["id"] = $"urn:ngsi-ld:Streetlight:darmstadt-{i:D3}",
                ["type"] = "Streetlight",
                ["location"] = Point(random, 0.03),
                ["powerState"] = Prop(i % 7 == 0 ? "off" : "on"),
                ["illuminanceLevel"] = Prop(Math.Round(0.5 + random.NextDouble() / 2, 2), "C62", observed),
                ["status"] = Prop(i % 9 == 0 ? "defectiveLamp" : "ok"),
            };
        string[] stations = ["Hügelstraße", "Rheinstraße", "Cityring", "Kranichstein"];
        for (var i = 0; i < stations.Length; i++)
            yield return new JsonObject
            {
                ["id"] = $"urn:ngsi-ld:AirQualityObserved:darmstadt-{i + 1:D3}",
                ["type"] = "AirQualityObserved",
                ["name"] = Prop(stations[i]),
                ["location"] = Point(random, 0.05),
                ["dateObserved"] = Prop(observed),
                ["NO2"] = Prop(Math.Round(15 + random.NextDouble() * 40, 1), "GQ", observed),
                ["PM10"] = Prop(Math.Round(8 + random.NextDouble() * 25, 1), "GQ", observed),
                ["temperature"] = Prop(Math.Round(2 + random.NextDouble() * 6, 1), "CEL", observed),
            };
        for (var i = 1; i <= 15; i++)
            yield return new JsonObject
            {
                ["id"] = $"urn:ngsi-ld:ParkingSpot:darmstadt-luisenplatz-{i:D3}",
                ["type"] = "ParkingSpot",
                ["location"] = Point(random, 0.004),
                ["status"] = Prop(random.NextDouble() < 0.6 ? "occupied" : "free", observedAt: observed),
                ["category"] = Prop(new JsonArray("onStreet")),
                ["refParkingSite"] = new JsonObject { ["type"] = "Relationship", ["object"] = "urn:ngsi-ld:ParkingSite:darmstadt-luisenplatz" },
                ["width"] = Prop(Math.Round(2.3 + random.NextDouble() * 0.4, 2), "MTR"),
            };
    }
}
