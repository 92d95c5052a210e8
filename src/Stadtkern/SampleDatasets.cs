using System.Text.Json.Nodes;
using Stadtkern.Catalog;

namespace Stadtkern.Host;

/// <summary>
/// Two open datasets of the sample city, published at the demo's first start so that a newcomer sees the catalog, a
/// release and its proof at once: air quality as measured, and parking occupancy through an anonymisation profile
/// (identifiers dropped, locations on a 100 m grid, counts per cell with a minimum cell size).
/// </summary>
internal static class SampleDatasets
{
    private static JsonObject Metadata(string titleDe, string titleEn, string descriptionDe, string descriptionEn, string theme, string[] keywords) => new()
    {
        ["title"] = new JsonObject { ["de"] = titleDe, ["en"] = titleEn },
        ["description"] = new JsonObject { ["de"] = descriptionDe, ["en"] = descriptionEn },
        ["publisher"] = new JsonObject { ["name"] = "Wissenschaftsstadt Darmstadt (Beispiel)", ["uri"] = "https://www.darmstadt.de" },
        ["contactPoint"] = new JsonObject { ["name"] = "Open-Data-Team", ["email"] = "opendata@example.org" },
        ["keywords"] = new JsonArray([.. keywords.Select(k => (JsonNode)k)]),
        ["themes"] = new JsonArray(theme),
        ["regionalKey"] = "064110000000",
        ["accrualPeriodicity"] = "HOURLY",
    };

    public static IEnumerable<JsonObject> Definitions()
    {
        yield return new JsonObject
        {
            ["id"] = "luftqualitaet-darmstadt",
            ["source"] = new JsonObject { ["kind"] = "entities", ["query"] = new JsonObject { ["type"] = "AirQualityObserved" } },
            ["licence"] = "dl-by-de/2.0",
            ["schedule"] = "0 * * * *",
            ["quality"] = new JsonObject { ["ranges"] = new JsonObject { ["NO2"] = new JsonObject { ["min"] = 0, ["max"] = 400 }, ["PM10"] = new JsonObject { ["min"] = 0, ["max"] = 600 } } },
            ["metadata"] = Metadata("Luftqualität Darmstadt", "Air quality in Darmstadt",
                "Stickstoffdioxid, Feinstaub und Temperatur der Messstationen, stündlich.", "Nitrogen dioxide, particulate matter and temperature of the stations, hourly.",
                "ENVI", ["Luft", "Umwelt", "NO2", "PM10"]),
        };
        yield return new JsonObject
        {
            ["id"] = "parkplatzbelegung-luisenplatz",
            ["source"] = new JsonObject { ["kind"] = "entities", ["query"] = new JsonObject { ["type"] = "ParkingSpot", ["attrs"] = "status,location" } },
            ["licence"] = "dl-zero-de/2.0",
            ["schedule"] = "*/15 * * * *",
            ["profile"] = new JsonObject
            {
                ["id"] = "parking-cells",
                ["rules"] = new JsonArray(
                    new JsonObject { ["rule"] = "drop", ["columns"] = new JsonArray("id", "type") },
                    new JsonObject { ["rule"] = "coarsenLocation", ["column"] = "location", ["grid"] = "100m" },
                    new JsonObject { ["rule"] = "aggregate", ["dimensions"] = new JsonArray("location", "status"), ["minCellSize"] = 3 }),
            },
            ["metadata"] = Metadata("Parkplatzbelegung Luisenplatz", "Parking occupancy at Luisenplatz",
                "Freie und belegte Stellplätze je 100-m-Zelle; Zellen mit weniger als drei Stellplätzen sind unterdrückt.",
                "Free and occupied spaces per 100 m cell; cells with fewer than three spaces are suppressed.",
                "TRAN", ["Parken", "Verkehr"]),
        };
    }

    /// <summary>Defines the datasets that are missing and publishes those without a release; returns how many releases were made.</summary>
    public static async Task<int> PublishAsync(CatalogService catalog, ICatalogStore store, PublicationPipeline pipeline, CancellationToken cancellation)
    {
        var made = 0;
        foreach (var definition in Definitions())
        {
            var id = definition["id"]!.GetValue<string>();
            var record = await store.GetDatasetAsync(id, cancellation) ?? await catalog.CreateAsync(definition, cancellation);
            if (await store.NewestReleaseAsync(id, cancellation) is not null) continue;
            await pipeline.PublishAsync(record, cancellation);
            made++;
        }
        return made;
    }
}
