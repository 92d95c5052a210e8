using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityBatchKit;
using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Merge Batch of Entities (clause 5.6.17 applied in a batch): <c>POST /entityOperations/merge</c>.</summary>
public static class MergeBatchOfEntities
{
    private const string Clause = "ContextInformation/Provision/BatchEntities/MergeBatchOfEntities";

    private static Request BatchMerge(Payload entities) => Http.Post("entityOperations/merge").LdJson(entities);

    public static IEnumerable<ConformanceCase> All()
    {
        // 057_01: two entities made from merge/building-merge-data.jsonld (the suite does not check those creations),
        // merged with the same file, then compared with an expectation list whose first and second ids are set.
        foreach (var (id, title, file, expectation) in new[]
        {
            ("057_01_01", "Merge a batch with empty entities", "building-minimal.jsonld", "two-buildings-non-edited.jsonld"),
            ("057_01_02", "Merge a batch of simple properties", "building-simple-attributes-second.jsonld", "two-buildings-attributes-edited.jsonld"),
            ("057_01_03", "Merge a batch of relationships", "building-relationship.jsonld", "two-buildings-with-relationship.jsonld"),
            ("057_01_04", "Merge a batch of properties with partial data", "merge/building-only-airQualityLevel-value.jsonld", "two-buildings-with-changed-airQualityLevel.jsonld"),
        })
        {
            var expected = Payload.FromFile("entities/expectations/batch-merge/" + expectation)
                .Set("$[0].id", "\"{a}\"")
                .Set("$[1].id", "\"{b}\"");
            yield return new ConformanceCase(Clause, id, title)
                .NewId("a", BuildingPrefix)
                .NewId("b", BuildingPrefix)
                .Then(CreateEntity("merge/building-merge-data.jsonld", "a"))
                .Then(CreateEntity("merge/building-merge-data.jsonld", "b"))
                .Then(BatchMerge(Array(Entity(file, "a"), Entity(file, "b"))), Expect.Status(204), Expect.NoBody())
                .Then(QueryBuildings("a", "b"), Expect.Body(expected))
                .Finally(BatchDelete("a", "b"));
        }

        const string Merged = "building-relationship-of-property.jsonld";
        const string Fragment = "fragmentEntities/simple-attributes-relationship-of-property-fragment.json";
        yield return new ConformanceCase(Clause, "057_02_01", "Merge a batch of two existing entities and one unknown")
            .NewId("a", BuildingPrefix)
            .NewId("b", BuildingPrefix)
            .NewId("unknown", BuildingPrefix)
            .Then(CreateEntity("building-simple-attributes.jsonld", "a"))
            .Then(CreateEntity("building-simple-attributes.jsonld", "b"))
            .Then(BatchMerge(Array(Entity(Merged, "a"), Entity(Merged, "b"), Entity(Merged, "unknown"))),
                Expect.Status(207), BatchResult(["a", "b"], ["unknown"]))
            .Then(QueryBuildings("a", "b"), BodyOf(
                new Upserted("building-simple-attributes.jsonld", "a", Fragment),
                new Upserted("building-simple-attributes.jsonld", "b", Fragment)))
            .Finally(BatchDelete("a", "b"));

        yield return new ConformanceCase(Clause, "057_03_01", "Reject invalid JSON")
            .Then(BatchMerge(DataFile("batch/invalid-json.jsonld")), Error(400, "InvalidRequest"));

        yield return new ConformanceCase(Clause, "057_03_02", "Report an invalid JSON-LD entity")
            .Then(BatchMerge(DataFile("batch/invalid-json-ld.jsonld")), Expect.Status(207), FirstBatchErrorIs("BadRequestData"));
    }
}
