using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Discovery;

/// <summary>Retrieve available entity type information (<c>GET /types/{type}</c>), suite 024_01 and 024_02.</summary>
public static class RetrieveAvailableEntityTypeInformation
{
    private const string Clause = "ContextInformation/Consumption/Discovery/RetrieveAvailableEntityTypeInformation";

    public static IEnumerable<ConformanceCase> All()
    {
        // Without a Link header "Building" expands with the core context to a type nobody created.
        yield return TwoBuildings("024_01_01", "Entity type information without context is not found")
            .Then(Http.Get("types/Building"), Error(404, "ResourceNotFound"));

        // The EntityTypeInfo expectation counts the two Buildings made here.
        foreach (var (id, title, type) in new[]
        {
            ("024_02_01", "Entity type information by compacted type", "Building"),
            ("024_02_02", "Entity type information by expanded type", Uri.EscapeDataString(BuildingType)),
        })
        {
            yield return TwoBuildings(id, title)
                .Then(Http.Get("types/" + type).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(Payload.FromFile("types/expectations/entity-type-info-024-01.json")));
        }
    }

    private static ConformanceCase TwoBuildings(string id, string title) =>
        new ConformanceCase(Clause, id, title)
            .NewId("first", BuildingPrefix).NewId("second", BuildingPrefix)
            .Then(CreateJson("building-simple-attributes.json", "first"), Created)
            .Then(CreateJson("building-simple-attributes.json", "second"), Created)
            .Finally(Delete("{first}", "{second}"));
}
