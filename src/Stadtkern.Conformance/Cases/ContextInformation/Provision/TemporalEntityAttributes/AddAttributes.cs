using static Stadtkern.Conformance.Cases.ContextInformation.Provision.TemporalProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Add Attributes to Temporal Evolution of an Entity (clause 5.6.12): <c>POST /temporal/entities/{entityId}/attrs</c>.</summary>
/// <remarks>
/// 014_02 and 014_03 check only the status; clause 5.6.12.4 names BadRequestData (bad id) and ResourceNotFound
/// (unknown entity).
/// </remarks>
public static class AddAttributes
{
    private const string Clause = "ContextInformation/Provision/TemporalEntityAttributes/AddAttributes";

    private const string AddedAttribute = "vehicle-temporal-representation-fragment.jsonld";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "014_01_01", "Add an attribute to a temporal entity with simple temporal properties")
            .NewId("id", VehiclePrefix)
            .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
            .Then(AppendTemporalAttributes("{id}", AddedAttribute), Expect.Status(204), Expect.NoBody())
            .Then(RetrieveLd("id"), Expect.Status(200), Matches("vehicle-temporal-representation-added-attribute.jsonld", "id"))
            .Finally(DeleteTemporal("id"));

        // 014_02: the suite's URL reads temporal/entities//attrs without an id.
        foreach (var (id, title, entity) in new[]
        {
            ("014_02_01", "Reject adding an attribute without an entity id", ""),
            ("014_02_02", "Reject adding an attribute on an entity id that is not a URI", "thisIsAninvalidId"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
                .Then(AppendTemporalAttributes(entity, AddedAttribute), Expect.Status(400))
                .Finally(DeleteTemporal("id"));
        }

        yield return new ConformanceCase(Clause, "014_03_01", "Reject adding an attribute to an unknown temporal entity")
            .NewId("unknown", VehiclePrefix)
            .Then(AppendTemporalAttributes("{unknown}", AddedAttribute), Expect.Status(404));

        foreach (var (id, title, fragment) in new[]
        {
            ("014_04_01", "Reject adding attributes that are invalid JSON", "vehicle-temporal-representation-invalid-json-fragment.jsonld"),
            ("014_04_02", "Reject adding attributes from an empty body", "vehicle-temporal-representation-empty-json-fragment.jsonld"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
                .Then(AppendTemporalAttributes("{id}", fragment), Error(400, "InvalidRequest"))
                .Finally(DeleteTemporal("id"));
        }
    }
}
