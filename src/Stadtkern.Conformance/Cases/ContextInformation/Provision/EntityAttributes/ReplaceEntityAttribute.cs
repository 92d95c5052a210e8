using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Replace Entity Attribute (clause 5.6.19, binding 6.7.3.3): <c>PUT /entities/{entityId}/attrs/{attrId}</c>.</summary>
/// <remarks>
/// The replacement attribute files have no <c>id</c>; the suite's "Load Test Sample" only replaces an existing
/// <c>$.id</c>, so they are sent as they are, as application/json with the suite context in a Link header.
/// </remarks>
public static class ReplaceEntityAttribute
{
    private const string Clause = "ContextInformation/Provision/EntityAttributes/ReplaceEntityAttribute";

    private static Request Put(string entity, string attribute, string file) =>
        Http.Put($"entities/{entity}/attrs/{attribute}").Json(DataFile(file)).WithSuiteContext();

    public static IEnumerable<ConformanceCase> All()
    {
        // The attribute's createdAt is read before the replacement and must be unchanged after it
        // (for speed, the first instance of the array, as the suite reads it).
        (string Id, string Title, string Attribute, string CreatedAtPath, string File, string Expectation)[] replaced =
        [
            ("055_01_01", "Replace an attribute and keep its createdAt", "isParked", "$.isParked.createdAt", "vehicle-isParked-attribute.json", "vehicle-replace-isParked-attribute.jsonld"),
            ("055_01_02", "Replace an attribute with another attribute type", "isParked", "$.isParked.createdAt", "vehicle-isParked-new-type-attribute.json", "vehicle-replace-isParked-new-type-attribute.jsonld"),
            ("055_02_01", "Replace the default instance of a multi-attribute", "speed", "$.speed[0].createdAt", "vehicle-speed-default-instance.json", "vehicle-replace-speed-default-instance.jsonld"),
            ("055_02_02", "Replace the instance of a multi-attribute with a datasetId", "speed", "$.speed[0].createdAt", "vehicle-speed-datasetid-instance.json", "vehicle-replace-speed-datasetid-instance.jsonld"),
        ];
        foreach (var (id, title, attribute, createdAtPath, file, expectation) in replaced)
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity("vehicle-speed-multi-instances.jsonld", "id"), Expect.Status(201))
                .Then(Retrieve("id", suiteLink: true, options: "sysAttrs").Capture("createdAt", "json:" + createdAtPath))
                .Then(Put("{id}", attribute, file), Expect.Status(204), Expect.NoBody())
                .Then(Retrieve("id", suiteLink: true, options: "sysAttrs"),
                    Expect.Body(Expectation(expectation, "id"), "@context", "createdAt", "modifiedAt"),
                    Expect.Value(createdAtPath, "\"{createdAt}\""))
                .Finally(Teardown("id"));
        }

        // 055_03: only the status is checked.
        foreach (var (id, title, entity, attribute, file, status) in new[]
        {
            ("055_03_01", "Reject a replace on an invalid entity id", "invalidUri", "isParked", "vehicle-isParked-attribute.json", 400),
            ("055_03_02", "Reject a replace on an unknown entity", "urn:ngsi-ld:Vehicle:Nonexistent", "isParked", "vehicle-isParked-attribute.json", 404),
            ("055_03_03", "Reject a replace on an invalid attribute name", "{id}", "@invalid", "vehicle-isParked-attribute.json", 400),
            ("055_03_04", "Reject a replace of an attribute the entity lacks", "{id}", "brandName", "vehicle-isParked-attribute.json", 404),
            ("055_03_05", "Reject a replace of the scope", "{id}", "scope", "vehicle-scope-attribute.json", 400),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity("vehicle-speed-multi-instances.jsonld", "id"), Expect.Status(201))
                .Then(Put(entity, attribute, file), Expect.Status(status))
                .Finally(Teardown("id"));
        }
    }
}
