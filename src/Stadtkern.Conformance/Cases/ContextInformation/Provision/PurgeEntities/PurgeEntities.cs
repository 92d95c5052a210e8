using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Purge Entities (clause 5.6.21, binding 6.4.3.3): <c>DELETE /entities?…</c>.</summary>
/// <remarks>
/// <para>Suite vs spec: Purge Entities and its <c>keep</c>/<c>drop</c> parameters first appear in GS CIM 009 v1.9.1
/// (the suite tags every case <c>since_v1.9.1</c>); a broker implementing v1.8 has no such operation.</para>
/// <para>Suite inconsistency: 060_01_01 wants 400 for a purge without query parameters, while 060_03_03 wants
/// 204 (everything deleted) for a purge whose only parameter is <c>local=true</c>, which selects nothing.</para>
/// <para>Isolation: 060_03_01, 060_03_02, 060_03_03 and 060_04_01 purge every matching entity of the broker, not
/// only the ones the case made (all Buildings; all named "Eiffel Tower"; everything; <c>name</c> of all Buildings):
/// run them against a broker holding nothing else. The suite uses fixed ids (…:060-04-1); we make fresh ones.</para>
/// <para>The suite's files 060_03_03.robot and 060_03_04.robot name their cases "060_03_02" and "060_03_01",
/// clashing with the files of those names; here they take their file names as ids.</para>
/// </remarks>
public static class PurgeEntities
{
    private const string Clause = "ContextInformation/Provision/PurgeEntities";

    private const string SimpleAttributes = "building-simple-attributes.jsonld";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "060_01_01", "Reject a purge without query parameters")
            .Then(Http.Delete("entities"), Error(400, "BadRequestData"));

        yield return new ConformanceCase(Clause, "060_02_01", "Reject a purge with keep and drop")
            .Then(Http.Delete("entities?type=Building&keep=name&drop=subCategory").WithSuiteContext(), Error(400, "BadRequestData"));

        yield return new ConformanceCase(Clause, "060_03_01", "Purge the entities of a type")
            .NewId("a", BuildingPrefix)
            .NewId("b", BuildingPrefix)
            .Then(CreateEntity(SimpleAttributes, "a"), Expect.Status(201))
            .Then(CreateEntity(SimpleAttributes, "b"), Expect.Status(201))
            .Then(Http.Delete("entities?type=Building").WithSuiteContext(), Expect.Status(204), Expect.NoBody())
            .Then(Http.Get("entities?type=Building").WithSuiteContext(), Expect.Count(0))
            .Finally(Teardown("a", "b"));

        yield return new ConformanceCase(Clause, "060_03_02", "Purge the entities matching q")
            .NewId("a", BuildingPrefix)
            .NewId("b", BuildingPrefix)
            .Then(CreateEntity(SimpleAttributes, "a"), Expect.Status(201))
            .Then(CreateEntity("building-simple-attributes-second.jsonld", "b"), Expect.Status(201))
            .Then(Http.Delete("entities?q=" + Uri.EscapeDataString("name==\"Eiffel Tower\"")).WithSuiteContext(),
                Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("a", suiteLink: true), Expect.Status(404))
            .Then(Retrieve("b", suiteLink: true), Expect.Status(200))
            .Finally(Teardown("a", "b"));

        yield return new ConformanceCase(Clause, "060_03_03", "Purge all entities in local mode")
            .NewId("a", BuildingPrefix)
            .NewId("b", BuildingPrefix)
            .Then(CreateEntity(SimpleAttributes, "a"), Expect.Status(201))
            .Then(CreateEntity(SimpleAttributes, "b"), Expect.Status(201))
            .Then(Http.Delete("entities?local=true"), Expect.Status(204), Expect.NoBody())
            .Then(Http.Get("entities?type=Building").WithSuiteContext(), Expect.Count(0))
            .Finally(Teardown("a", "b"));

        yield return new ConformanceCase(Clause, "060_03_04", "Purge the entity matching an id and a type")
            .NewId("a", BuildingPrefix)
            .NewId("b", BuildingPrefix)
            .Then(CreateEntity(SimpleAttributes, "a"), Expect.Status(201))
            .Then(CreateEntity(SimpleAttributes, "b"), Expect.Status(201))
            .Then(Http.Delete("entities?type=Building&id={a}").WithSuiteContext(), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("a", suiteLink: true), Expect.Status(404))
            .Then(Retrieve("b", suiteLink: true), Expect.Status(200))
            .Finally(Teardown("a", "b"));

        yield return new ConformanceCase(Clause, "060_04_01", "Purge with drop removes only those attributes")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity(SimpleAttributes, "id"), Expect.Status(201))
            .Then(Http.Delete("entities?type=Building&drop=name").WithSuiteContext(), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("id", suiteLink: true), Expect.Status(200), LacksMember("name"), HasKey("subCategory"))
            .Finally(Teardown("id"));

        yield return new ConformanceCase(Clause, "060_05_01", "Purge with keep removes all other attributes")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity(SimpleAttributes, "id"), Expect.Status(201))
            .Then(Http.Delete("entities?id={id}&keep=name").WithSuiteContext(), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("id", suiteLink: true),
                Expect.Status(200), HasKey("name"), LacksMember("subCategory"), LacksMember("airQualityLevel"), LacksMember("almostFull"))
            .Finally(Teardown("id"));
    }
}
