using static Stadtkern.Conformance.Cases.ContextInformation.Provision.TemporalProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Delete Attribute Instance from Temporal Evolution of an Entity (clause 5.6.15): <c>DELETE /temporal/entities/{entityId}/attrs/{attrId}/{instanceId}</c>.</summary>
/// <remarks>
/// <para>The instanceId is the suite's <c>speed[0].instanceId</c> of a retrieval, so the broker must list instances
/// oldest first: 017_01_01 deletes 120@12:03 and expects 80@12:05 to remain.</para>
/// <para>017_02 and 017_03 check only the status (clause 5.6.15.4: BadRequestData, ResourceNotFound). 017_02_05
/// (<c>…/attrs//{instanceId}</c>) wants 400 where the PATCH twin 016_02_06 wants 405.</para>
/// </remarks>
public static class DeleteAttributeInstance
{
    private const string Clause = "ContextInformation/Provision/TemporalEntityAttributes/DeleteAttributeInstance";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "017_01_01", "Delete an attribute instance of a temporal entity")
            .NewId("id", VehiclePrefix)
            .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
            .Then(CaptureFirstSpeedInstance("id", "instance", sysAttrs: false), Expect.Status(200))
            .Then(DeleteInstance("{id}", "speed", "{instance}"), Expect.Status(204), Expect.NoBody())
            .Then(RetrieveLd("id"), Expect.Status(200), Matches("vehicle-temporal-representation-delete-speed-instanceid.jsonld", "id"))
            .Finally(DeleteTemporal("id"));

        // 017_02: a bad or missing entity id, instanceId or attribute name (missing ones leave an empty path segment).
        foreach (var (id, title, entity, attribute, instance) in new[]
        {
            ("017_02_01", "Reject deleting an instance on an entity id that is not a URI", "invalidId", "speed", "{instance}"),
            ("017_02_02", "Reject deleting an instance without an entity id", "", "speed", "{instance}"),
            ("017_02_03", "Reject deleting an instance whose instanceId is not a URI", "{id}", "speed", "invalidId"),
            ("017_02_04", "Reject deleting an instance of an attribute whose name is not valid", "{id}", "invalid(Name", "{instance}"),
            ("017_02_05", "Reject deleting an instance without an attribute name", "{id}", "", "{instance}"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
                .Then(CaptureFirstSpeedInstance("id", "instance"), Expect.Status(200))
                .Then(DeleteInstance(entity, attribute, instance), Expect.Status(400))
                .Finally(DeleteTemporal("id"));
        }

        foreach (var (id, title, entity, attribute, instance) in new[]
        {
            ("017_03_01", "Reject deleting an instance of an unknown temporal entity", "{unknown}", "speed", "{instance}"),
            ("017_03_02", "Reject deleting an instance of an attribute the entity lacks", "{id}", "speed2", "{instance}"),
            ("017_03_03", "Reject deleting an unknown attribute instance", "{id}", "speed", "urn:ngsi-ld:01234567890123456789"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .NewId("unknown", VehiclePrefix)
                .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
                .Then(CaptureFirstSpeedInstance("id", "instance"), Expect.Status(200))
                .Then(DeleteInstance(entity, attribute, instance), Expect.Status(404))
                .Finally(DeleteTemporal("id"));
        }
    }
}
