using static Stadtkern.Conformance.Cases.ContextInformation.Provision.TemporalProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Modify Attribute Instance in Temporal Evolution of an Entity (clause 5.6.14): <c>PATCH /temporal/entities/{entityId}/attrs/{attrId}/{instanceId}</c>.</summary>
/// <remarks>
/// <para>The fragment sets value 129 at 12:03 on <c>speed[0]</c> (the oldest instance); the instance keeps its
/// instanceId, and the comparison also ignores <c>modifiedAt</c>.</para>
/// <para>016_02 and 016_03 check only the status. An empty instanceId (<c>…/attrs/speed/</c>) and an empty attribute
/// name (<c>…/attrs//{instanceId}</c>) both want 405 — the latter unlike Delete Attribute Instance (017_02_05: 400).</para>
/// </remarks>
public static class PartialUpdateAttributeInstance
{
    private const string Clause = "ContextInformation/Provision/TemporalEntityAttributes/PartialUpdateAttributeInstance";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "016_01_01", "Modify an attribute instance of a temporal entity")
            .NewId("id", VehiclePrefix)
            .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
            .Then(CaptureFirstSpeedInstance("id", "instance", sysAttrs: false), Expect.Status(200))
            .Then(ModifyInstance("{id}", "speed", "{instance}"), Expect.Status(204), Expect.NoBody())
            .Then(RetrieveLd("id"),
                Expect.Status(200),
                Expect.Value("$.speed[0].instanceId", "\"{instance}\""),
                Matches("vehicle-temporal-representation-modify-attribute-instance.jsonld", "id", "modifiedAt"))
            .Finally(DeleteTemporal("id"));

        foreach (var (id, title, entity, attribute, instance, status) in new[]
        {
            ("016_02_01", "Reject modifying an instance on an entity id that is not a URI", "invalidId", "speed", "{instance}", 400),
            ("016_02_02", "Reject modifying an instance without an entity id", "", "speed", "{instance}", 400),
            ("016_02_03", "Reject modifying an instance whose instanceId is not a URI", "{id}", "speed", "invalidId", 400),
            ("016_02_04", "Reject modifying an instance without an instanceId", "{id}", "speed", "", 405),
            ("016_02_05", "Reject modifying an instance of an attribute whose name is not valid", "{id}", "invalid(Id", "{instance}", 400),
            ("016_02_06", "Reject modifying an instance without an attribute name", "{id}", "", "{instance}", 405),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
                .Then(CaptureFirstSpeedInstance("id", "instance"), Expect.Status(200))
                .Then(ModifyInstance(entity, attribute, instance), Expect.Status(status))
                .Finally(DeleteTemporal("id"));
        }

        foreach (var (id, title, entity, attribute, instance) in new[]
        {
            ("016_03_01", "Reject modifying an instance of an unknown temporal entity", "{unknown}", "speed", "{instance}"),
            ("016_03_02", "Reject modifying an instance of an attribute the entity lacks", "{id}", "speed2", "{instance}"),
            ("016_03_03", "Reject modifying an unknown attribute instance", "{id}", "speed", "urn:ngsi-ld:01234567890123456789"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .NewId("unknown", VehiclePrefix)
                .Then(CreateTemporal(Vehicle, "id"), Expect.Status(201))
                .Then(CaptureFirstSpeedInstance("id", "instance"), Expect.Status(200))
                .Then(ModifyInstance(entity, attribute, instance), Expect.Status(404))
                .Finally(DeleteTemporal("id"));
        }
    }
}
