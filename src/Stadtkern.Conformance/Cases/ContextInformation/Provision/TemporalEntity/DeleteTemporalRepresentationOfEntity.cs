using static Stadtkern.Conformance.Cases.ContextInformation.Provision.TemporalProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Delete Temporal Evolution of an Entity (clause 5.6.16): <c>DELETE /temporal/entities/{entityId}</c>.</summary>
/// <remarks>009_02_01 sends <c>DELETE temporal/entities/</c> and wants 405: the collection has no DELETE.</remarks>
public static class DeleteTemporalRepresentationOfEntity
{
    private const string Clause = "ContextInformation/Provision/TemporalEntity/DeleteTemporalRepresentationOfEntity";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "009_01_01", "Delete a temporal representation of an entity with simple temporal properties")
            .NewId("id", VehiclePrefix)
            .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
            .Then(DeleteTemporal("id"), Expect.Status(204), Expect.NoBody())
            .Then(RetrieveTemporal("id", suiteLink: true), Expect.Status(404))
            .Finally(DeleteTemporal("id"));

        yield return new ConformanceCase(Clause, "009_02_01", "Reject a temporal delete without an entity id")
            .Then(Http.Delete("temporal/entities/"), Expect.Status(405));

        yield return new ConformanceCase(Clause, "009_02_02", "Reject a temporal delete on an entity id that is not a URI")
            .Then(Http.Delete("temporal/entities/invalidId"), Error(400, "BadRequestData"));

        yield return new ConformanceCase(Clause, "009_03_01", "Reject a temporal delete on an unknown entity id")
            .NewId("unknown", VehiclePrefix)
            .Then(DeleteTemporal("unknown"), Error(404, "ResourceNotFound"));
    }
}
