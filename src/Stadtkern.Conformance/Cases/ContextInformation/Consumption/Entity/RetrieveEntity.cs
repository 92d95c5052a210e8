using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Entity;

/// <summary>
/// Retrieve Entity (<c>GET /entities/{entityId}</c>), suite 018_*. This part: plain retrieval, errors, representations,
/// GeoJSON, @context resolution, language filter and geospatial properties (018_01 to 018_09).
/// </summary>
/// <remarks>
/// All 70 cases of the folder are ported; none needs notifications, MQTT or context sources.
/// Single-entity expectations have every <c>id</c> set to the entity under test (<see cref="Payload.SetAllIds"/>);
/// the linked-entity expectations (018_10 to 018_14, 018_20, 018_21) name fixed ids, so those cases use the suite's
/// fixed ids (<c>urn:ngsi-ld:City:Paris</c>, <c>urn:ngsi-ld:Country:France</c>, ...) and cannot run in parallel with each other.
/// </remarks>
public static partial class RetrieveEntity
{
    private const string Clause = "ContextInformation/Consumption/Entity/RetrieveEntity";

    public static IEnumerable<ConformanceCase> All() =>
        [.. Basics(), .. Representations(), .. Linked(), .. FormatAndProjection()];

    private static ConformanceCase WithBuilding(string id, string title, string file = "building-simple-attributes.jsonld") =>
        new ConformanceCase(Clause, id, title)
            .NewId("e", BuildingPrefix)
            .Then(CreateLd(file, "e"), Created)
            .Finally(Delete("{e}"));

    private static Payload Expected(string file) => Payload.FromFile("entities/expectations/" + file).SetAllIds("e");

    private static IEnumerable<ConformanceCase> Basics()
    {
        yield return WithBuilding("018_01_01", "Get an entity by id")
            .Then(Http.Get("entities/{e}").Accept(MediaTypes.LdJson),
                Expect.Status(200), Expect.Body(Expected("building-simple-attributes.jsonld")));

        yield return WithBuilding("018_01_02", "Get some attributes of an entity")
            .Then(Http.Get(Url("entities/{e}", P("attrs", SuiteContexts.Vocab + "airQualityLevel," + SuiteContexts.Vocab + "subCategory")))
                    .Accept(MediaTypes.LdJson),
                Expect.Status(200), Expect.Body(Expected("building-simple-attributes-query.jsonld")));

        yield return new ConformanceCase(Clause, "018_02_01", "Entity id is not a valid URI")
            .Then(Http.Get("entities/thisisaninvaliduri").Accept(MediaTypes.LdJson), Error(400, "BadRequestData"));

        yield return new ConformanceCase(Clause, "018_03_01", "Entity id unknown to the system")
            .NewId("e", BuildingPrefix)
            .Then(Http.Get("entities/{e}").Accept(MediaTypes.LdJson), Error(404, "ResourceNotFound"));

        yield return WithBuilding("018_03_02", "Requested attribute unknown to the system")
            .Then(Http.Get(Url("entities/{e}", P("attrs", "property_not_found"))).Accept(MediaTypes.LdJson),
                Error(404, "ResourceNotFound"));

        yield return WithBuilding("018_04_01", "Entity in simplified representation")
            .Then(Http.Get(Url("entities/{e}", P("options", "keyValues"))).Accept(MediaTypes.LdJson),
                Expect.Status(200), Expect.Body(Expected("building-simple-attributes-simplified.jsonld")));
    }

    private static IEnumerable<ConformanceCase> Representations()
    {
        // 018_05: GeoJSON with the suite context in a Link header.
        foreach (var (id, title, options, geometryProperty, expectation) in new[]
        {
            ("018_05_01", "GeoJSON simplified", "keyValues", "", "building-two-geometry-attribute-simplified.geojson"),
            ("018_05_02", "GeoJSON normalized", "", "", "building-two-geometry-attribute-normalized.geojson"),
            ("018_05_03", "GeoJSON with geometryProperty", "", "observationSpace", "building-two-geometry-property-on-observation-space.geojson"),
            ("018_05_04", "GeoJSON with nonexistent geometryProperty", "", "operationSpace", "building-two-geometry-property-on-nonexistent-operation-space.geojson"),
        })
        {
            yield return WithBuilding(id, title, "building-two-geometry-attributes.jsonld")
                .Then(Http.Get(Url("entities/{e}", P("geometryProperty", geometryProperty), P("options", options)))
                        .Accept(MediaTypes.GeoJson).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(Expected(expectation)));
        }

        // 018_06: the entity is created as application/json with the suite context in a Link header, then read back as
        // JSON without a Link header (core context: expanded terms) and with it (compacted terms).
        foreach (var (id, title, withContext, expectation) in new[]
        {
            ("018_06_01", "Without Link header the core context is used", false, "building-simple-attributes-expanded.json"),
            ("018_06_02", "With Link header its context is used", true, "building-simple-attributes-compacted.json"),
        })
        {
            var get = Http.Get("entities/{e}").Accept(MediaTypes.Json);
            yield return new ConformanceCase(Clause, id, title)
                .NewId("e", BuildingPrefix)
                .Then(CreateJson("building-simple-attributes.json", "e"), Created)
                .Then(withContext ? get.WithSuiteContext() : get, Expect.Status(200), Expect.Body(Expected(expectation)))
                .Finally(Delete("{e}"));
        }

        // 018_07: language filter.
        foreach (var (id, title, lang, options, expectation) in new[]
        {
            ("018_07_01", "Language filter with one language", "fr", "", "building-language-property-fr-filter.jsonld"),
            ("018_07_02", "Language filter with languages without ranking", "fr-CH,fr", "", "building-language-property-fr-filter.jsonld"),
            ("018_07_03", "Language filter with any language", "*", "", "building-language-property-any-language-filter.jsonld"),
            ("018_07_04", "Language filter with ranked languages", "fr-CH,fr;q=0.9,en;q=0.8,*;q=0.5", "", "building-language-property-fr-filter.jsonld"),
            ("018_07_05", "Language filter with one language, simplified", "fr", "keyValues", "building-language-property-fr-filter-simplified.jsonld"),
            ("018_07_06", "Language filter with any language, simplified", "*", "keyValues", "building-language-property-any-language-filter-simplified.jsonld"),
        })
        {
            yield return WithBuilding(id, title, "building-language-property.jsonld")
                .Then(Http.Get(Url("entities/{e}", P("options", options), P("lang", lang))).Accept(MediaTypes.LdJson).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(Expected(expectation)));
        }

        // 018_08 and 018_09: observationSpace and operationSpace GeoProperties; no Accept header is sent.
        foreach (var (id, title, file, options, expectation) in new[]
        {
            ("018_08_01", "observationSpace simplified", "building-observation-space-geoproperty.jsonld", "keyValues", "building-observation-space-geoproperty-simplified.jsonld"),
            ("018_08_02", "observationSpace normalized", "building-observation-space-geoproperty.jsonld", "", "building-observation-space-geoproperty-normalized.jsonld"),
            ("018_09_01", "operationSpace simplified", "building-operation-space-geoproperty.jsonld", "keyValues", "building-operation-space-geoproperty-simplified.jsonld"),
            ("018_09_02", "operationSpace normalized", "building-operation-space-geoproperty.jsonld", "", "building-operation-space-geoproperty-normalized.jsonld"),
        })
        {
            yield return WithBuilding(id, title, file)
                .Then(Http.Get(Url("entities/{e}", P("options", options))).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(Expected(expectation)));
        }
    }
}
