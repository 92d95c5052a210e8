using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Discovery;

/// <summary>Retrieve available attributes (<c>GET /attributes</c>), suite 025_01.</summary>
public static class RetrieveAvailableAttributes
{
    private const string Clause = "ContextInformation/Consumption/Discovery/RetrieveAvailableAttributes";

    public static IEnumerable<ConformanceCase> All()
    {
        // The suite always sends details=false and compares the AttributeList ignoring its (generated) top-level id.
        foreach (var (id, title, withContext, expectation) in new[]
        {
            ("025_01_01", "Attributes without JSON-LD context", false, "attribute-list-025-01-01.json"),
            ("025_01_02", "Attributes with JSON-LD context", true, "attribute-list-025-01-02.json"),
        })
        {
            var get = Http.Get("attributes?details=false");
            yield return new ConformanceCase(Clause, id, title)
                .NewId("building", BuildingPrefix)
                .Then(CreateJson("building-simple-attributes.json", "building"), Created)
                .Then(withContext ? get.WithSuiteContext() : get,
                    Expect.Status(200), Expect.Body(Payload.FromFile("types/expectations/" + expectation), "id"))
                .Finally(Delete("{building}"));
        }
    }
}
