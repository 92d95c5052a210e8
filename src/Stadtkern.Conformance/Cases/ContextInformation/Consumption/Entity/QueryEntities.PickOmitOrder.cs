using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Entity;

/// <summary>Query Entities with <c>pick</c>/<c>omit</c> (019_17), <c>orderBy</c> (019_19) and <c>local=true</c> (019_25).</summary>
/// <remarks>
/// Suite vs. spec: <c>orderBy</c> (019_19, tagged since_v1.9.1) is not part of NGSI-LD v1.8; it arrived with v1.9.
/// </remarks>
public static partial class QueryEntities
{
    private static IEnumerable<ConformanceCase> PickOmitAndOrder()
    {
        // 019_17: the expectations are lists naming the suite's fixed ids; some of their elements have no id, so the
        // comparison must pair those by content.
        foreach (var (id, title, pick, omit, expectation) in new[]
        {
            ("019_17_01", "Pick on attributes", "name", "", "entities-pick-name.json"),
            ("019_17_02", "Omit on attributes", "", "name", "entities-omit-name.json"),
            ("019_17_03", "Pick on core members", "id", "", "entities-pick-id.json"),
            ("019_17_04", "Omit on core members", "", "id", "entities-omit-id.json"),
            ("019_17_05", "Pick on attributes and core members", "id,name", "", "entities-pick-id-name.json"),
            ("019_17_06", "Omit on attributes and core members", "", "type,name", "entities-omit-type-name.json"),
        })
        {
            yield return BuildingsAndVehicle(id, title, "019-17")
                .Then(Http.Get(Url("entities", P("type", "Building,Vehicle"), P("pick", pick), P("omit", omit))).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(Payload.FromFile("entities/expectations/pick-omit/" + expectation)));
        }

        // 019_19: Buildings 1, 2, 3 (fixed ids), created in the order 2, 1, 3.
        string[] ascending = [BuildingPrefix + "1", BuildingPrefix + "2", BuildingPrefix + "3"];
        string[] descending = [.. ascending.Reverse()];
        string[] created = [BuildingPrefix + "2", BuildingPrefix + "1", BuildingPrefix + "3"];
        foreach (var (id, title, orderBy, expected) in new[]
        {
            ("019_19_01", "orderBy an attribute", "name", ascending),
            ("019_19_02", "orderBy id", "id", ascending),
            ("019_19_03", "orderBy createdAt", "createdAt", created),
            ("019_19_04", "orderBy the createdAt of an attribute", "name.createdAt", created),
            ("019_19_05", "orderBy a sub-property", "name.subProperty", ascending),
            ("019_19_06", "orderBy ascending", "name;asc", ascending),
            ("019_19_07", "orderBy descending", "name;desc", descending),
            ("019_19_08", "orderBy several members", "type,name", ascending),
            ("019_19_09", "orderBy a complex expression", "type;asc,name.subProperty;desc,name;asc", descending),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(CreateLdFixed("orderBy/building_2.jsonld", created[0]), Created)
                .Then(CreateLdFixed("orderBy/building_1.jsonld", created[1]), Created)
                .Then(CreateLdFixed("orderBy/building_3.jsonld", created[2]), Created)
                .Then(Http.Get(Url("entities", P("type", "Building"), P("orderBy", orderBy))).WithSuiteContext(),
                    Expect.Status(200), Expect.OrderedIds(expected))
                .Finally(Delete(ascending));
        }

        yield return WithBuildings("019_25", "Query all entities with the local flag", 2)
            .Then(Http.Get(Url("entities", P("local", "true"))), Expect.Status(200), ContainsEntities("building-minimal.json", "a", "b"));
    }
}
