using static Stadtkern.Conformance.Cases.ContextInformation.Provision.TemporalProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>
/// The suite's 5611_01, kept directly in its TemporalEntity folder: edges of Create or Update Temporal Evolution
/// (clause 5.6.11) around entity type names and the NGSI-LD Null <c>"urn:ngsi-ld:null"</c>.
/// </summary>
/// <remarks>
/// <para>Not an ETSI TP: the fork's "Antares extension" (tagged <c>since_v1.9.1</c>). 5611_01_01 wants an upsert to
/// union the type names and to keep an instance whose value is <c>"urn:ngsi-ld:null"</c> (the 4.5.7 deleted-instance
/// form) as an ordinary instance; 5611_01_02 reads clause 5.5.4 so that a first-level member
/// <c>"expiresAt": "urn:ngsi-ld:null"</c> is BadRequestData in temporal input.</para>
/// <para>5611_01_03 is documented as a partial-update Fragment, but what it sends is <c>PATCH /entities/{id}</c>,
/// i.e. Merge Entity (5.6.17), on the core API.</para>
/// </remarks>
public static class TemporalEntity
{
    private const string Clause = "ContextInformation/Provision/TemporalEntity";

    private static Payload Vehicle(string type, string speedValue, string observedAt) => Payload.Raw(
        $$"""{"id": "{id}", "type": {{type}}, "speed": [{"type": "Property", "value": {{speedValue}}, "observedAt": "{{observedAt}}"}]}""");

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "5611_01_01", "An upsert unions the types and accepts a deleted-instance value")
            .NewId("id", VehiclePrefix)
            .Then(Http.Post("temporal/entities").Json(Vehicle("\"Vehicle\"", "1", "2026-01-01T00:00:00Z")), Expect.Status(201))
            .Then(Http.Post("temporal/entities").Json(Vehicle("[\"Vehicle\", \"Truck\"]", "\"urn:ngsi-ld:null\"", "2026-01-02T00:00:00Z")), Expect.Status(204))
            .Then(Http.Get("temporal/entities/{id}?timerel=before&timeAt=2030-01-01T00:00:00Z"),
                Expect.Status(200), TextContains("Truck"), TextContains("Vehicle"), InstanceCount("speed", 2))
            .Finally(DeleteTemporal("id"));

        yield return new ConformanceCase(Clause, "5611_01_02", "A first-level NGSI-LD Null member is refused in temporal input")
            .NewId("id", VehiclePrefix)
            .Then(Http.Post("temporal/entities").Json(Payload.Raw(
                    """{"id": "{id}", "type": "Vehicle", "expiresAt": "urn:ngsi-ld:null", "speed": [{"type": "Property", "value": 1, "observedAt": "2026-01-01T00:00:00Z"}]}""")),
                Expect.Status(400), Expect.Problem("BadRequestData"))
            .Then(Http.Get("temporal/entities/{id}?timerel=before&timeAt=2030-01-01T00:00:00Z"), Expect.Status(404))
            .Finally(DeleteTemporal("id"));

        yield return new ConformanceCase(Clause, "5611_01_03", "The NGSI-LD Null stays legal in a merge of the entity")
            .NewId("id", VehiclePrefix)
            .Then(Http.Post("entities").Json(Payload.Raw(
                    """{"id": "{id}", "type": "Vehicle", "expiresAt": "2099-01-01T00:00:00Z", "speed": {"type": "Property", "value": 1}}""")),
                Expect.Status(201))
            .Then(Http.Patch("entities/{id}").Json(Payload.Raw("""{"expiresAt": "urn:ngsi-ld:null"}""")), Expect.Status(204))
            .Then(Http.Get("entities/{id}"), Expect.Status(200), EntityProvisionKit.LacksMember("expiresAt"), TextLacks("urn:ngsi-ld:null"))
            .Finally(Http.Delete("entities/{id}"), DeleteTemporal("id"));
    }
}
