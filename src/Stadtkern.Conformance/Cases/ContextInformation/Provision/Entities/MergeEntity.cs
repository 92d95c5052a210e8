using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Merge Entity (clause 5.6.17, binding 6.5.3.4): <c>PATCH /entities/{entityId}</c>.</summary>
/// <remarks>
/// Suite vs spec: 056_02_02 sends <c>PATCH /entities/</c> (no id at all) and expects 400; the HTTP binding
/// of GS CIM 009 v1.8 defines no PATCH on <c>/entities/</c>, so 404 or 405 would be at least as defensible.
/// </remarks>
public static class MergeEntity
{
    private const string Clause = "ContextInformation/Provision/Entities/MergeEntity";

    public static IEnumerable<ConformanceCase> All()
    {
        // Each row: the entity created first, the merge payload (below entities/, its id set) and the expectation
        // (below entities/expectations/, every id set). The merge is sent as application/ld+json and the result
        // retrieved with Accept application/ld+json and the suite context.
        (string Id, string Title, string Initial, string Merge, string Expectation)[] rows =
        [
            ("056_01_01", "Merge an empty entity", "merge/building-merge-data.jsonld", "building-minimal.jsonld", "merge/building-non-edited.jsonld"),
            ("056_01_02", "Merge simple properties", "merge/building-merge-data.jsonld", "building-simple-attributes-second.jsonld", "merge/building-attributes-edited.jsonld"),
            ("056_01_03", "Merge a relationship", "merge/building-merge-data.jsonld", "building-relationship.jsonld", "merge/building-with-relationship.jsonld"),
            ("056_01_04", "Merge a property with partial data", "merge/building-merge-data.jsonld", "merge/building-only-airQualityLevel-value.jsonld", "merge/building-with-changed-airQualityLevel.jsonld"),

            ("056_03_01", "Delete a Property with NGSI-LD null", "building-different-attributes-types.jsonld", "fragmentEntities/ngsild-null/building-null-property.jsonld", "ngsild-null/building-deleted-property.jsonld"),
            ("056_03_02", "Delete a Relationship with NGSI-LD null", "building-different-attributes-types.jsonld", "fragmentEntities/ngsild-null/building-null-relationship.jsonld", "ngsild-null/building-deleted-relationship.jsonld"),
            ("056_03_03", "Delete a GeoProperty with NGSI-LD null", "building-different-attributes-types.jsonld", "fragmentEntities/ngsild-null/building-null-geoproperty.jsonld", "ngsild-null/building-deleted-geoproperty.jsonld"),
            ("056_03_04", "Delete a LanguageProperty with NGSI-LD null", "building-different-attributes-types.jsonld", "fragmentEntities/ngsild-null/building-null-languageproperty.jsonld", "ngsild-null/building-deleted-languageproperty.jsonld"),

            ("056_04_01", "Delete a Property instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "fragmentEntities/ngsild-null/building-null-property-instance.jsonld", "ngsild-null/building-deleted-property-instance.jsonld"),
            ("056_04_02", "Delete a Relationship instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "fragmentEntities/ngsild-null/building-null-relationship-instance.jsonld", "ngsild-null/building-deleted-relationship-instance.jsonld"),
            ("056_04_03", "Delete a GeoProperty instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "fragmentEntities/ngsild-null/building-null-geoproperty-instance.jsonld", "ngsild-null/building-deleted-geoproperty-instance.jsonld"),
            ("056_04_04", "Delete a LanguageProperty instance with NGSI-LD null", "building-different-attributes-instances-and-types.jsonld", "fragmentEntities/ngsild-null/building-null-languageproperty-instance.jsonld", "ngsild-null/building-deleted-languageproperty-instance.jsonld"),

            ("056_05_01", "Delete a default Property instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "fragmentEntities/ngsild-null/building-null-property.jsonld", "ngsild-null/building-deleted-property-default-instance.jsonld"),
            ("056_05_02", "Delete a default Relationship instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "fragmentEntities/ngsild-null/building-null-relationship.jsonld", "ngsild-null/building-deleted-relationship-default-instance.jsonld"),
            ("056_05_03", "Delete a default GeoProperty instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "fragmentEntities/ngsild-null/building-null-geoproperty.jsonld", "ngsild-null/building-deleted-geoproperty-default-instance.jsonld"),
            ("056_05_04", "Delete a default LanguageProperty instance with NGSI-LD null", "building-different-default-attributes-instances-and-types.jsonld", "fragmentEntities/ngsild-null/building-null-languageproperty.jsonld", "ngsild-null/building-deleted-languageproperty-default-instance.jsonld"),
        ];
        foreach (var (id, title, initial, merge, expectation) in rows)
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", BuildingPrefix)
                .Then(CreateEntity(initial, "id"), Expect.Status(201))
                .Then(Http.Patch("entities/{id}").LdJson(EntityFile(merge, "id")), Expect.Status(204), Expect.NoBody())
                .Then(Retrieve("id", MediaTypes.LdJson, suiteLink: true), Expect.Body(ExpectationAllIds(expectation, "id")))
                .Finally(Teardown("id"));
        }

        // 056_02: the merge payload's id is set to the faulty id (also when empty), sent as application/json with the suite Link.
        foreach (var (id, title, faultyId, status) in new[]
        {
            ("056_02_01", "Reject a merge on an invalid entity id", "invalidUri", 400),
            ("056_02_02", "Reject a merge without an entity id", "", 400),
            ("056_02_03", "Reject a merge on an unknown entity id", "urn:ngsi-ld:Building:Nonexistent", 404),
        })
        {
            var body = DataFile("building-locatedAt-and-name.json").Set("$.id", $"\"{faultyId}\"");
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", BuildingPrefix)
                .Then(CreateEntity("building-simple-attributes.json", "id", MediaTypes.Json, suiteLink: true), Expect.Status(201))
                .Then(Http.Patch("entities/" + faultyId).Json(body).WithSuiteContext(), Expect.Status(status))
                .Finally(Teardown("id"));
        }
    }
}
