using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Discovery;

/// <summary>Retrieve details of available attributes (<c>GET /attributes?details=true</c>), suite 026_01.</summary>
public static class RetrieveDetailsOfAvailableAttributes
{
    private const string Clause = "ContextInformation/Consumption/Discovery/RetrieveDetailsOfAvailableAttributes";

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var (id, title, withContext, expectation) in new[]
        {
            ("026_01_01", "Attribute details without JSON-LD context", false, "attribute-026-01-01.json"),
            ("026_01_02", "Attribute details with JSON-LD context", true, "attribute-026-01-02.json"),
        })
        {
            var get = Http.Get("attributes?details=true");
            yield return new ConformanceCase(Clause, id, title)
                .NewId("building", BuildingPrefix)
                .Then(CreateJson("building-simple-attributes.json", "building"), Created)
                .Then(withContext ? get.WithSuiteContext() : get,
                    Expect.Status(200), Expect.Body(Payload.FromFile("types/expectations/" + expectation)))
                .Finally(Delete("{building}"));
        }
    }
}
