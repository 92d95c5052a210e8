using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Entity;

/// <summary>Query Entities requests that must be rejected, suite 019_03 and 019_18.</summary>
public static partial class QueryEntities
{
    private static IEnumerable<ConformanceCase> Errors()
    {
        yield return WithBuildings("019_03_01", "Query entities based on incorrect ids", 2)
            .Then(Http.Get(Url("entities", IdList("thisisaninvaliduri1", "thisisaninvaliduri2"), P("type", BuildingType))),
                Error(400, "BadRequestData"));

        yield return WithBuildings("019_03_02", "Query entities based on an incorrect id pattern", 2)
            .Then(Http.Get(Url("entities", P("type", BuildingType), P("idPattern", "invalid_entity_id_pattern**"))),
                Error(400, "BadRequestData"));

        yield return WithBuildings("019_03_03", "Query entities based on incorrect attribute names", 2)
            .Then(Http.Get(Url("entities", P("attrs", "id,type"))), Error(400, "BadRequestData"));

        yield return WithBuildings("019_03_04", "Query entities with a wrong georel", 2, "building-location-attribute.jsonld")
            .Then(Http.Get(Url("entities", P("geoproperty", "location"), P("type", "Building"), P("georel", "invalid"),
                        P("coordinates", "[-8.503,41.202]"), P("geometry", "Point")))
                    .WithSuiteContext(),
                Error(400, "BadRequestData"));

        // Only ids: none of the parameters the suite considers minimal (type, attrs, q, geoquery, ...) is given.
        yield return new ConformanceCase(Clause, "019_03_05", "Query entities without the minimal parameters")
            .Then(Http.Get(Url("entities", IdList("urn:ngsi-ld:Entity:01", "urn:ngsi-ld:Entity:02"))), Error(400, "BadRequestData"));

        // 019_18: invalid pick/omit usage. The suite gives the entities fixed ids; nothing here depends on them, so they are random.
        foreach (var (id, title, pick, omit, attrs) in new[]
        {
            ("019_18_01", "Same member in pick and omit", "name", "name", ""),
            ("019_18_02", "pick together with attrs", "name", "", "category"),
            ("019_18_03", "omit together with attrs", "", "name", "category"),
            ("019_18_04", "Invalid character in pick", "id;name", "", ""),
            ("019_18_05", "Unclosed brace in pick", "id,locatedAt{name", "", ""),
            ("019_18_06", "Double brace in pick", "id,locatedAt{{name}", "", ""),
            ("019_18_07", "Consecutive separators in pick", "id,,name", "", ""),
            ("019_18_08", "Expression starting with a separator", "id,locatedAt{,name}", "", ""),
            ("019_18_09", "Expression without an attribute", "id,locatedAt{}", "", ""),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("b1", BuildingPrefix).NewId("v2", VehiclePrefix).NewId("b3", BuildingPrefix)
                .Then(CreateLd("building-simple-attributes.jsonld", "b1"), Created)
                .Then(CreateLd("vehicle-simple-attributes.jsonld", "v2"), Created)
                .Then(CreateLd("building-simple-attributes-third.jsonld", "b3"), Created)
                .Then(Http.Get(Url("entities", P("attrs", attrs), P("type", "Building,Vehicle"), P("pick", pick), P("omit", omit))).WithSuiteContext(),
                    Error(400, "BadRequestData"))
                .Finally(Delete("{b1}", "{v2}", "{b3}"));
        }
    }

    /// <summary>The suite's setup of 019_17: Building <c>{tag}-1</c>, Vehicle <c>{tag}-2</c>, Building <c>{tag}-3</c>.</summary>
    private static ConformanceCase BuildingsAndVehicle(string id, string title, string tag)
    {
        string first = BuildingPrefix + tag + "-1", second = VehiclePrefix + tag + "-2", third = BuildingPrefix + tag + "-3";
        return new ConformanceCase(Clause, id, title)
            .Then(CreateLdFixed("building-simple-attributes.jsonld", first), Created)
            .Then(CreateLdFixed("vehicle-simple-attributes.jsonld", second), Created)
            .Then(CreateLdFixed("building-simple-attributes-third.jsonld", third), Created)
            .Finally(Delete(first, second, third));
    }
}
