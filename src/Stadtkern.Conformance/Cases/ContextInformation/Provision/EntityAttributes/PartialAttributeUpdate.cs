using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Partial Attribute Update (clause 5.6.4, NGSI-LD null 6.7.3.1): <c>PATCH /entities/{entityId}/attrs/{attrId}</c>.</summary>
public static class PartialAttributeUpdate
{
    private const string Clause = "ContextInformation/Provision/EntityAttributes/PartialAttributeUpdate";

    /// <summary>The suite's "Partial Update Entity Attributes": the fragment as application/ld+json, no Accept, no Link.</summary>
    private static Request Patch(string entity, string attribute, string fragment) =>
        Http.Patch($"entities/{entity}/attrs/{attribute}").LdJson(Fragment(fragment));

    public static IEnumerable<ConformanceCase> All()
    {
        // Successful updates compared with an expectation whose top-level id is set, ignoring @context.
        (string Id, string Title, string Initial, string Attribute, string Fragment, string Expectation, bool EmptyBodyChecked)[] updated =
        [
            ("012_01_01", "Partially update an attribute", "vehicle-speed-two-datasetid.jsonld", "isParked", "vehicle-isparked-fragment.jsonld", "vehicle-isparked-update.jsonld", true),
            ("012_01_02", "Partially update an attribute instance by datasetId", "vehicle-speed-two-datasetid.jsonld", "speed", "vehicle-speed-equal-datasetid-fragment.jsonld", "vehicle-update-speed.jsonld", true),
            ("012_04_01", "Partially update a LanguageProperty", "building-language-property-sub-property.jsonld", "street", "building-language-property-fragment.jsonld", "building-language-property-update.jsonld", true),
            ("012_08_01", "Partially update a JsonProperty", "building-json-property-object-sub-property.jsonld", "jsonProperty", "building-json-property-fragment.jsonld", "building-json-property-update.jsonld", false),
            ("012_09_01", "Partially update a VocabProperty", "building-vocab-property-sub-property.jsonld", "vocabProperty", "building-vocab-property-fragment.jsonld", "building-vocab-property-update.jsonld", false),
        ];
        foreach (var (id, title, initial, attribute, fragment, expectation, emptyBodyChecked) in updated)
        {
            Check[] patchChecks = emptyBodyChecked ? [Expect.Status(204), Expect.NoBody()] : [Expect.Status(204)];
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity(initial, "id"), Expect.Status(201))
                .Then(Patch("{id}", attribute, fragment), patchChecks)
                .Then(Retrieve("id", MediaTypes.LdJson, suiteLink: true), Expect.Body(Expectation(expectation, "id"), "@context"))
                .Finally(Teardown("id"));
        }

        // 012_05..012_07: NGSI-LD null deletes an attribute, an instance or the default instance; the expectation has every id set.
        (string Id, string Title, string Initial, string Attribute, string Fragment, string Expectation)[] nulled =
        [
            ("012_05_01", "Delete a Property with NGSI-LD null", "building-different-attributes-types.jsonld", "name", "null-property-fragment.jsonld", "building-deleted-property.jsonld"),
            ("012_05_02", "Delete a Relationship with NGSI-LD null", "building-different-attributes-types.jsonld", "locatedAt", "null-relationship-fragment.jsonld", "building-deleted-relationship.jsonld"),
            ("012_05_03", "Delete a GeoProperty with NGSI-LD null", "building-different-attributes-types.jsonld", "location", "null-geoproperty-fragment.jsonld", "building-deleted-geoproperty.jsonld"),
            ("012_05_04", "Delete a LanguageProperty with NGSI-LD null", "building-different-attributes-types.jsonld", "street", "null-languageproperty-fragment.jsonld", "building-deleted-languageproperty.jsonld"),

            ("012_06_01", "Delete a Property instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "name", "null-property-instance-fragment.jsonld", "building-deleted-property-instance.jsonld"),
            ("012_06_02", "Delete a Relationship instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "locatedAt", "null-relationship-instance-fragment.jsonld", "building-deleted-relationship-instance.jsonld"),
            ("012_06_03", "Delete a GeoProperty instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "location", "null-geoproperty-instance-fragment.jsonld", "building-deleted-geoproperty-instance.jsonld"),
            ("012_06_04", "Delete a LanguageProperty instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "street", "null-languageproperty-instance-fragment.jsonld", "building-deleted-languageproperty-instance.jsonld"),

            ("012_07_01", "Delete a default Property instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "name", "null-property-fragment.jsonld", "building-deleted-property-default-instance.jsonld"),
            ("012_07_02", "Delete a default Relationship instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "locatedAt", "null-relationship-fragment.jsonld", "building-deleted-relationship-default-instance.jsonld"),
            ("012_07_03", "Delete a default GeoProperty instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "location", "null-geoproperty-fragment.jsonld", "building-deleted-geoproperty-default-instance.jsonld"),
            ("012_07_04", "Delete a default LanguageProperty instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "street", "null-languageproperty-fragment.jsonld", "building-deleted-languageproperty-default-instance.jsonld"),
        ];
        foreach (var (id, title, initial, attribute, fragment, expectation) in nulled)
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity(initial, "id"), Expect.Status(201))
                .Then(Patch("{id}", attribute, "ngsild-null/" + fragment), Expect.Status(204), Expect.NoBody())
                .Then(Retrieve("id", MediaTypes.LdJson, suiteLink: true), Expect.Body(ExpectationAllIds("ngsild-null/" + expectation, "id")))
                .Finally(Teardown("id"));
        }

        // 012_02: bad entity id or bad fragment (the suite's URL reads entities//attrs/speed without an id).
        foreach (var (id, title, entity, fragment) in new[]
        {
            ("012_02_01", "Reject a partial update without an entity id", "", "vehicle-speed-equal-datasetid-fragment.jsonld"),
            ("012_02_02", "Reject a partial update on an invalid entity id", "thisisaninvaliduri", "vehicle-speed-equal-datasetid-fragment.jsonld"),
            ("012_02_03", "Reject a partial update changing the attribute type", "{id}", "vehicle-speed-equal-datasetid-different-type-fragment.jsonld"),
            ("012_02_04", "Reject a partial update with an empty fragment", "{id}", "empty-fragment.json"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity("vehicle-two-datasetid-attributes.jsonld", "id"), Expect.Status(201))
                .Then(Patch(entity, "speed", fragment), Error(400, "BadRequestData"))
                .Finally(Teardown("id"));
        }

        // 012_03: unknown entity, instance or attribute.
        foreach (var (id, title, entity, attribute, fragment) in new[]
        {
            ("012_03_01", "Reject a partial update on an unknown entity", "{unknown}", "speed", "vehicle-isparked-fragment.jsonld"),
            ("012_03_02", "Reject a partial update without default instance nor datasetId", "{id}", "speed", "vehicle-speed-no-datasetid-fragment.jsonld"),
            ("012_03_03", "Reject a partial update on an unknown datasetId", "{id}", "speed", "vehicle-speed-unknown-datasetid-fragment.jsonld"),
            ("012_03_04", "Reject a partial update on an attribute the entity lacks", "{id}", "isParked2", "vehicle-isparked-fragment.jsonld"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .NewId("unknown", VehiclePrefix)
                .Then(CreateEntity("vehicle-speed-two-datasetid.jsonld", "id"), Expect.Status(201))
                .Then(Patch(entity, attribute, fragment), Error(404, "ResourceNotFound"))
                .Finally(Teardown("id"));
        }
    }
}
