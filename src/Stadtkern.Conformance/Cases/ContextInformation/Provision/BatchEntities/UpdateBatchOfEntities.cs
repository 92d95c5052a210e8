using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityBatchKit;
using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Update Batch of Entities (clause 5.6.9): <c>POST /entityOperations/update</c>.</summary>
/// <remarks>
/// The expectations are, as in the suite, the entities as first created with an update fragment merged into them
/// at the top level, compared with a query for the two ids.
/// </remarks>
public static class UpdateBatchOfEntities
{
    private const string Clause = "ContextInformation/Provision/BatchEntities/UpdateBatchOfEntities";

    private const string Initial = "building-simple-attributes.jsonld";

    private static Request BatchUpdate(Payload entities, string query = "") => Http.Post("entityOperations/update" + query).LdJson(entities);

    public static IEnumerable<ConformanceCase> All()
    {
        // 005_01 (overwrite) and 005_02 (noOverwrite): two entities from building-simple-attributes.jsonld updated with a file.
        (string Id, string Title, string File, string Fragment, string Query, int Status, bool EmptyBodyChecked)[] updates =
        [
            ("005_01_01", "Update a batch with simple properties", "building-simple-attributes.jsonld", "empty-fragment.json", "", 204, true),
            ("005_01_02", "Update a batch with relationships", "building-relationship.jsonld", "locatedAt-fragment.json", "", 204, true),
            ("005_01_03", "Update a batch with relationships of properties", "building-relationship-of-property.jsonld", "airQualityLevel-with-relationship-fragment.json", "", 204, true),
            ("005_02_01", "Update a batch with noOverwrite on existing attributes", "building-simple-attributes.jsonld", "empty-fragment.json", "?options=noOverwrite", 207, false),
            ("005_02_02", "Update a batch with noOverwrite on a new attribute", "building-relationship.jsonld", "locatedAt-fragment.json", "?options=noOverwrite", 204, false),
            ("005_02_03", "Update a batch with noOverwrite on new and existing attributes", "building-location-attribute.jsonld", "location-fragment.json", "?options=noOverwrite", 207, false),
        ];
        foreach (var (id, title, file, fragment, query, status, emptyBodyChecked) in updates)
        {
            Check[] updateChecks = emptyBodyChecked ? [Expect.Status(status), Expect.NoBody()] : [Expect.Status(status)];
            yield return new ConformanceCase(Clause, id, title)
                .NewId("a", BuildingPrefix)
                .NewId("b", BuildingPrefix)
                .Then(CreateEntity(Initial, "a"), Expect.Status(201))
                .Then(CreateEntity(Initial, "b"), Expect.Status(201))
                .Then(BatchUpdate(Array(Entity(file, "a"), Entity(file, "b")), query), updateChecks)
                .Then(QueryBuildings("a", "b"), BodyOf(
                    new Upserted(Initial, "a", "fragmentEntities/" + fragment),
                    new Upserted(Initial, "b", "fragmentEntities/" + fragment)))
                .Finally(BatchDelete("a", "b"));
        }

        const string Updated = "building-relationship-of-property.jsonld";
        const string RelationshipFragment = "fragmentEntities/simple-attributes-relationship-of-property-fragment.json";
        yield return new ConformanceCase(Clause, "005_03_01", "Update a batch of two existing entities and one unknown")
            .NewId("a", BuildingPrefix)
            .NewId("b", BuildingPrefix)
            .NewId("unknown", BuildingPrefix)
            .Then(CreateEntity(Initial, "a"), Expect.Status(201))
            .Then(CreateEntity(Initial, "b"), Expect.Status(201))
            .Then(BatchUpdate(Array(Entity(Updated, "a"), Entity(Updated, "b"), Entity(Updated, "unknown"))),
                Expect.Status(207), BatchResult(["a", "b"], ["unknown"]))
            .Then(QueryBuildings("a", "b"), BodyOf(
                new Upserted(Initial, "a", RelationshipFragment),
                new Upserted(Initial, "b", RelationshipFragment)))
            .Finally(BatchDelete("a", "b"));

        yield return new ConformanceCase(Clause, "005_04_01", "Reject invalid JSON")
            .Then(BatchUpdate(DataFile("batch/invalid-json.jsonld")), Error(400, "InvalidRequest"));

        yield return new ConformanceCase(Clause, "005_04_02", "Report an invalid JSON-LD entity")
            .Then(BatchUpdate(DataFile("batch/invalid-json-ld.jsonld")), Expect.Status(207), FirstBatchErrorIs("BadRequestData"));

        // 005_05: the suite does not check the two creations.
        yield return new ConformanceCase(Clause, "005_05_01", "Update the types of a batch of entities")
            .NewId("a", BuildingPrefix)
            .NewId("b", BuildingPrefix)
            .Then(CreateEntity("building-minimal.jsonld", "a"))
            .Then(CreateEntity("building-minimal.jsonld", "b"))
            .Then(BatchUpdate(Array(Entity("building-minimal-with-new-type.jsonld", "a"), Entity("building-minimal-with-new-type.jsonld", "b"))),
                Expect.Status(204), Expect.NoBody())
            .Then(QueryBuildings("a", "b"), BodyOf(
                new Upserted("building-minimal.jsonld", "a", "fragmentEntities/building-two-types-fragment.jsonld"),
                new Upserted("building-minimal.jsonld", "b", "fragmentEntities/building-two-types-fragment.jsonld")))
            .Finally(BatchDelete("a", "b"));
    }
}
