using static Stadtkern.Conformance.Cases.ContextInformation.Provision.TemporalProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Create or Update Temporal Evolution of an Entity (clause 5.6.11), updating: <c>POST /temporal/entities/</c> on an existing id.</summary>
/// <remarks>
/// Suite vs spec: the expectation wants the posted instance 121@12:03 to take the place of the stored 120@12:03 of
/// <c>speed</c> (and the repeated fuelLevel instances not to be doubled): an instance is identified by attribute,
/// datasetId and observedAt. Clause 5.6.11.4 only says the new instances are added; appending them all would leave
/// 120@12:03 in the history and fail the comparison.
/// </remarks>
public static class UpdateTemporalRepresentationOfEntity
{
    private const string Clause = "ContextInformation/Provision/TemporalEntity/UpdateTemporalRepresentationOfEntity";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "008_01_01", "Update a temporal representation of an entity with simple temporal properties")
            .NewId("id", VehiclePrefix)
            .Then(CreateTemporal("vehicle-create-temporal-representation.jsonld", "id"), Expect.Status(201))
            .Then(CreateTemporal("vehicle-temporal-representation-update.jsonld", "id"), Expect.Status(204), Expect.NoBody())
            .Then(RetrieveLd("id"), Expect.Status(200), Matches("vehicle-temporal-representation-update.jsonld", "id"))
            .Finally(DeleteTemporal("id"));
    }
}
