using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Update Entity Attributes (clause 5.6.2, NGSI-LD null 6.6.3.2): <c>PATCH /entities/{entityId}/attrs</c>.</summary>
/// <remarks>
/// Suite vs spec: 011_01_03 sends an existing and a new attribute (<c>isParked2</c>) and expects 204 with the new
/// attribute appended (its expectation holds <c>isParked2</c>). GS CIM 009 v1.8 clause 5.6.2 updates existing
/// attributes only and reports the others as not updated (207 with an UpdateResult), as the suite itself expects
/// in 011_05_02 for a scope the entity does not have.
/// </remarks>
public static class UpdateEntityAttributes
{
    private const string Clause = "ContextInformation/Provision/EntityAttributes/UpdateEntityAttributes";

    /// <summary>The suite's "Update Entity Attributes": the fragment file as it is, with the given content type, no Link.</summary>
    private static Request Patch(string entity, string fragment, string contentType = MediaTypes.LdJson) =>
        Http.Patch($"entities/{entity}/attrs").Json(Fragment(fragment), contentType);

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var (id, title, fragment, expectation) in new[]
        {
            ("011_01_01", "Update attributes without datasetId", "vehicle-speed-two-datasetid-01-fragment.jsonld", "vehicle-update-attributes.jsonld"),
            ("011_01_02", "Update attributes with a datasetId", "vehicle-speed-two-datasetid-02-fragment.jsonld", "vehicle-update-datasetid-attributes.jsonld"),
            ("011_01_03", "Update existing attributes and append new ones", "vehicle-speed-two-datasetid-03-fragment.jsonld", "vehicle-multi-attributes.jsonld"),
            ("011_01_04", "Change the type of an attribute", "vehicle-speed-two-datasetid-04-fragment.jsonld", "vehicle-update-attributes-new-attribute-type.jsonld"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity("vehicle-two-datasetid-attributes.jsonld", "id"), Expect.Status(201))
                .Then(Patch("{id}", fragment), Expect.Status(204), Expect.NoBody())
                .Then(Retrieve("id", MediaTypes.LdJson, suiteLink: true), Expect.Body(Expectation(expectation, "id"), "@context"))
                .Finally(Teardown("id"));
        }

        // 011_02: the suite's URL reads entities//attrs/ without an id.
        foreach (var (id, title, entity) in new[]
        {
            ("011_02_01", "Reject an update without an entity id", ""),
            ("011_02_02", "Reject an update on an invalid entity id", "thisisaninvaliduri"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity("vehicle-two-datasetid-attributes.jsonld", "id"), Expect.Status(201))
                .Then(Patch(entity, "vehicle-speed-two-datasetid-01-fragment.jsonld"), Error(400, "BadRequestData"))
                .Finally(Teardown("id"));
        }

        yield return new ConformanceCase(Clause, "011_03_01", "Reject an update on an unknown entity")
            .NewId("id", VehiclePrefix)
            .Then(Patch("{id}", "vehicle-speed-two-datasetid-01-fragment.jsonld"), Error(404, "ResourceNotFound"))
            .Finally(Teardown("id"));

        yield return new ConformanceCase(Clause, "011_04_01", "Reject an invalid fragment")
            .NewId("id", VehiclePrefix)
            .Then(CreateEntity("vehicle-speed-two-datasetid.jsonld", "id"), Expect.Status(201))
            .Then(Patch("{id}", "invalid-fragment.jsonld"), Error(400, "InvalidRequest"))
            .Finally(Teardown("id"));

        // 011_05: the scope fragment as application/json without Link; entity created and retrieved as JSON with the suite context.
        yield return new ConformanceCase(Clause, "011_05_01", "Update the scope of an entity having one")
            .NewId("id", VehiclePrefix)
            .Then(CreateEntity("building-minimal-with-one-scope.json", "id", MediaTypes.Json, suiteLink: true), Expect.Status(201))
            .Then(Patch("{id}", "one-scope-fragment.json", MediaTypes.Json), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("id", MediaTypes.Json, suiteLink: true), Expect.Body(Expectation("building-minimal-with-one-scope.json", "id")))
            .Finally(Teardown("id"));

        yield return new ConformanceCase(Clause, "011_05_02", "Do not add a scope to an entity without one")
            .NewId("id", VehiclePrefix)
            .Then(CreateEntity("building-minimal.json", "id", MediaTypes.Json, suiteLink: true), Expect.Status(201))
            .Then(Patch("{id}", "one-scope-fragment.json", MediaTypes.Json), Expect.Status(207))
            .Then(Retrieve("id", MediaTypes.Json, suiteLink: true), Expect.Body(Expectation("building-minimal-compacted.json", "id")))
            .Finally(Teardown("id"));

        // 011_06: types added through an update (fragments sent as application/ld+json).
        foreach (var (id, title, fragment, expectation) in new[]
        {
            ("011_06_01", "Add one type", "type-vehicle-fragment.json", "building-minimal-with-two-types.json"),
            ("011_06_02", "Add two types", "types-vehicle-car-fragment.json", "building-minimal-with-three-types.json"),
            ("011_06_03", "Add an existing type", "type-building-fragment.json", "building-minimal-compacted.json"),
            ("011_06_04", "Add one new and one existing type", "type-vehicle-building-fragment.json", "building-minimal-with-two-types.json"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity("building-minimal.json", "id", MediaTypes.Json, suiteLink: true), Expect.Status(201))
                .Then(Patch("{id}", fragment), Expect.Status(204), Expect.NoBody())
                .Then(Retrieve("id", MediaTypes.Json, suiteLink: true), Expect.Body(Expectation(expectation, "id")))
                .Finally(Teardown("id"));
        }

        // 011_07..011_09: NGSI-LD null deletes an attribute, an instance or the default instance; every id of the expectation set.
        (string Id, string Title, string Initial, string Fragment, string Expectation)[] nulled =
        [
            ("011_07_01", "Delete a Property with NGSI-LD null", "building-different-attributes-types.jsonld", "null-property.jsonld", "building-deleted-property.jsonld"),
            ("011_07_02", "Delete a Relationship with NGSI-LD null", "building-different-attributes-types.jsonld", "null-relationship.jsonld", "building-deleted-relationship.jsonld"),
            ("011_07_03", "Delete a GeoProperty with NGSI-LD null", "building-different-attributes-types.jsonld", "null-geoproperty.jsonld", "building-deleted-geoproperty.jsonld"),
            ("011_07_04", "Delete a LanguageProperty with NGSI-LD null", "building-different-attributes-types.jsonld", "null-languageproperty.jsonld", "building-deleted-languageproperty.jsonld"),

            ("011_08_01", "Delete a Property instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "null-property-instance.jsonld", "building-deleted-property-instance.jsonld"),
            ("011_08_02", "Delete a Relationship instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "null-relationship-instance.jsonld", "building-deleted-relationship-instance.jsonld"),
            ("011_08_03", "Delete a GeoProperty instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "null-geoproperty-instance.jsonld", "building-deleted-geoproperty-instance.jsonld"),
            ("011_08_04", "Delete a LanguageProperty instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "null-languageproperty-instance.jsonld", "building-deleted-languageproperty-instance.jsonld"),

            ("011_09_01", "Delete a default Property instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "null-property.jsonld", "building-deleted-property-default-instance.jsonld"),
            ("011_09_02", "Delete a default Relationship instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "null-relationship.jsonld", "building-deleted-relationship-default-instance.jsonld"),
            ("011_09_03", "Delete a default GeoProperty instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "null-geoproperty.jsonld", "building-deleted-geoproperty-default-instance.jsonld"),
            ("011_09_04", "Delete a default LanguageProperty instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "null-languageproperty.jsonld", "building-deleted-languageproperty-default-instance.jsonld"),
        ];
        foreach (var (id, title, initial, fragment, expectation) in nulled)
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity(initial, "id"), Expect.Status(201))
                .Then(Patch("{id}", "ngsild-null/" + fragment), Expect.Status(204), Expect.NoBody())
                .Then(Retrieve("id", MediaTypes.LdJson, suiteLink: true), Expect.Body(ExpectationAllIds("ngsild-null/" + expectation, "id")))
                .Finally(Teardown("id"));
        }
    }
}
