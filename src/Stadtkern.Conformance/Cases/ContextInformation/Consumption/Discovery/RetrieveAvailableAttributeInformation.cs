using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Discovery;

/// <summary>Retrieve available attribute information (<c>GET /attributes/{attrId}</c>), suite 027_01 and 027_02.</summary>
public static class RetrieveAvailableAttributeInformation
{
    private const string Clause = "ContextInformation/Consumption/Discovery/RetrieveAvailableAttributeInformation";

    public static IEnumerable<ConformanceCase> All()
    {
        // Without a Link header "airQualityLevel" expands with the core context to an attribute nobody created.
        yield return OneBuilding("027_01_01", "Attribute information without context is not found")
            .Then(Http.Get("attributes/airQualityLevel"), Error(404, "ResourceNotFound"));

        foreach (var (id, title, name) in new[]
        {
            ("027_02_01", "Attribute information by compacted name", "airQualityLevel"),
            ("027_02_02", "Attribute information by expanded name", Uri.EscapeDataString(SuiteContexts.Vocab + "airQualityLevel")),
        })
        {
            yield return OneBuilding(id, title)
                .Then(Http.Get("attributes/" + name).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(Payload.FromFile("types/expectations/attribute-027-01.json")));
        }
    }

    private static ConformanceCase OneBuilding(string id, string title) =>
        new ConformanceCase(Clause, id, title)
            .NewId("building", BuildingPrefix)
            .Then(CreateJson("building-simple-attributes.json", "building"), Created)
            .Finally(Delete("{building}"));
}
