using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Discovery;

/// <summary>Retrieve available entity types (<c>GET /types</c>), suite 022_01.</summary>
public static class RetrieveAvailableEntityTypes
{
    private const string Clause = "ContextInformation/Consumption/Discovery/RetrieveAvailableEntityTypes";

    public static IEnumerable<ConformanceCase> All()
    {
        // The suite always sends details=false and compares the EntityTypeList ignoring its (generated) top-level id.
        foreach (var (id, title, withContext, expectation) in new[]
        {
            ("022_01_01", "Entity types without JSON-LD context", false, "entity-type-list-022-01-01.json"),
            ("022_01_02", "Entity types with JSON-LD context", true, "entity-type-list-022-01-02.json"),
        })
        {
            var get = Http.Get("types?details=false");
            yield return new ConformanceCase(Clause, id, title)
                .NewId("building", BuildingPrefix).NewId("vehicle", VehiclePrefix)
                .Then(CreateJson("building-simple-attributes.json", "building"), Created)
                .Then(CreateJson("vehicle-simple-attributes.json", "vehicle"), Created)
                .Then(withContext ? get.WithSuiteContext() : get,
                    Expect.Status(200), Expect.Body(Payload.FromFile("types/expectations/" + expectation), "id"))
                .Finally(Delete("{building}", "{vehicle}"));
        }
    }
}
