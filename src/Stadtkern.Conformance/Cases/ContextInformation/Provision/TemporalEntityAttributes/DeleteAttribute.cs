using static Stadtkern.Conformance.Cases.ContextInformation.Provision.TemporalProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Delete Attribute from Temporal Evolution of an Entity (clause 5.6.13): <c>DELETE /temporal/entities/{entityId}/attrs/{attrId}</c>.</summary>
/// <remarks>
/// <para>The suite always sends <c>deleteAll</c> (and <c>datasetId</c> when it has one) in the query, and a
/// <c>Content-Type: application/json</c> header although there is no body; the suite Link only in 015_01 and 015_03.
/// Without datasetId and deleteAll=false only the default instances go (015_01_01).</para>
/// <para>015_04 is not an ETSI TP (the fork's "Antares extension", <c>since_v1.9.1</c>): an attribute segment that
/// is a percent-encoded dot segment (<c>%2e%2e</c>, doubly encoded <c>%252e%252e</c>, <c>%2e</c>) is not a valid name
/// (5.6.13.4) and must give 400 without touching the temporal entity. Its paths are sent verbatim: <see cref="Uri"/>
/// would otherwise resolve <c>%2e%2e</c> before the request leaves, and the server (Kestrel) decodes and resolves
/// them too, so the broker must look at the raw request target.</para>
/// </remarks>
public static class DeleteAttribute
{
    private const string Clause = "ContextInformation/Provision/TemporalEntityAttributes/DeleteAttribute";

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var (id, title, deleteAll, datasetId, expectation) in new[]
        {
            ("015_01_01", "Delete the default instances of an attribute (no deleteAll, no datasetId)", "false", (string?)null, "vehicle-temporal-representation-delete-fuelLevel.jsonld"),
            ("015_01_02", "Delete the instances of an attribute with a datasetId", "false", "urn:ngsi-ld:Vehicle:12345-fuel", "vehicle-temporal-representation-delete-fuelLevel-datasetid.jsonld"),
            ("015_01_03", "Delete every instance of an attribute with deleteAll", "true", null, "vehicle-temporal-representation-deleteall-fuelLevel.jsonld"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
                .Then(DeleteTemporalAttribute("{id}", "fuelLevel", deleteAll, datasetId, suiteLink: true), Expect.Status(204), Expect.NoBody())
                .Then(RetrieveLd("id"), Expect.Status(200), Matches(expectation, "id"))
                .Finally(DeleteTemporal("id"));
        }

        // 015_02: the suite's URL reads temporal/entities//attrs/speed without an id.
        foreach (var (id, title, entity, attribute) in new[]
        {
            ("015_02_01", "Reject deleting a temporal attribute without an entity id", "", "speed"),
            ("015_02_02", "Reject deleting a temporal attribute on an entity id that is not a URI", "invalidId", "speed"),
            ("015_02_03", "Reject deleting a temporal attribute whose name is not valid", "{id}", "invalid(Name"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
                .Then(DeleteTemporalAttribute(entity, attribute), Error(400, "BadRequestData"))
                .Finally(DeleteTemporal("id"));
        }

        foreach (var (id, title, entity, attribute) in new[]
        {
            ("015_03_01", "Reject deleting an attribute of an unknown temporal entity", "{unknown}", "fuelLevel"),
            ("015_03_02", "Reject deleting an attribute the temporal entity lacks", "{id}", "notExistingAttribute"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .NewId("unknown", VehiclePrefix)
                .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
                .Then(DeleteTemporalAttribute(entity, attribute, suiteLink: true), Error(404, "ResourceNotFound"))
                .Finally(DeleteTemporal("id"));
        }

        foreach (var (id, title, attribute) in new[]
        {
            ("015_04_01", "Reject a temporal attribute named with a percent-encoded double dot segment", "%2e%2e"),
            ("015_04_02", "Reject a temporal attribute named with a doubly encoded double dot segment", "%252e%252e"),
            ("015_04_03", "Reject a temporal attribute named with a percent-encoded single dot segment", "%2e"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
                .Then(DeleteTemporalAttribute("{id}", attribute).Verbatim(), Error(400, "BadRequestData"))
                .Then(RetrieveTemporal("id"), Expect.Status(200))
                .Finally(DeleteTemporal("id"));
        }
    }
}
