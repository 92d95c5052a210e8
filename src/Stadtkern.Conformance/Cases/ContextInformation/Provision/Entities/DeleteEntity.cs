using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Delete Entity (clause 5.6.6): <c>DELETE /entities/{entityId}</c>.</summary>
public static class DeleteEntity
{
    private const string Clause = "ContextInformation/Provision/Entities/DeleteEntity";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "002_01_01", "Delete an entity")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity("building-simple-attributes.jsonld", "id"), Expect.Status(201))
            .Then(EntityProvisionKit.DeleteEntity("id"), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("id", suiteLink: true), Expect.Status(404))
            .Finally(Teardown("id"));

        yield return new ConformanceCase(Clause, "002_02_01", "Reject an entity id that is not a URI")
            .Then(Http.Delete("entities/thisisaninvaliduri"), Error(400, "BadRequestData"));

        yield return new ConformanceCase(Clause, "002_03_01", "Reject an unknown entity id")
            .NewId("id", BuildingPrefix)
            .Then(EntityProvisionKit.DeleteEntity("id"), Error(404, "ResourceNotFound"));
    }
}
