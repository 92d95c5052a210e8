using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Discovery;

/// <summary>Retrieve details of available entity types (<c>GET /types?details=true</c>), suite 023_01.</summary>
public static class RetrieveDetailsOfAvailableEntityTypes
{
    private const string Clause = "ContextInformation/Consumption/Discovery/RetrieveDetailsOfAvailableEntityTypes";

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var (id, title, withContext, expectation) in new[]
        {
            ("023_01_01", "Entity type details without JSON-LD context", false, "entity-type-023-01-01.json"),
            ("023_01_02", "Entity type details with JSON-LD context", true, "entity-type-023-01-02.json"),
        })
        {
            var get = Http.Get("types?details=true");
            yield return new ConformanceCase(Clause, id, title)
                .NewId("building", BuildingPrefix).NewId("vehicle", VehiclePrefix)
                .Then(CreateJson("building-simple-attributes.json", "building"), Created)
                .Then(CreateJson("vehicle-simple-attributes.json", "vehicle"), Created)
                .Then(withContext ? get.WithSuiteContext() : get,
                    Expect.Status(200), Expect.Body(Payload.FromFile("types/expectations/" + expectation)))
                .Finally(Delete("{building}", "{vehicle}"));
        }
    }
}
