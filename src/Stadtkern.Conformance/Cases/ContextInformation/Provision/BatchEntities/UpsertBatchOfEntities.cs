using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityBatchKit;
using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Upsert Batch of Entities (clause 5.6.8): <c>POST /entityOperations/upsert</c>.</summary>
/// <remarks>
/// The suite's "Batch Upsert Entities" always sends <c>?options=replace</c> unless told <c>update</c>; its
/// "Batch Request Entities From File" (004_06) sends no options.
/// </remarks>
public static class UpsertBatchOfEntities
{
    private const string Clause = "ContextInformation/Provision/BatchEntities/UpsertBatchOfEntities";

    private static Request BatchUpsert(Payload entities, string option = "replace") =>
        Http.Post("entityOperations/upsert?options=" + option).LdJson(entities);

    public static IEnumerable<ConformanceCase> All()
    {
        string[] files = ["building-simple-attributes.jsonld", "building-relationship.jsonld", "building-relationship-of-property.jsonld"];
        string[] titles = ["simple properties", "relationships", "relationships of properties"];

        // 004_01: two new entities are created.
        for (var i = 0; i < files.Length; i++)
        {
            var file = files[i];
            yield return new ConformanceCase(Clause, $"004_01_0{i + 1}", "Upsert a batch of new entities with " + titles[i])
                .NewId("a", BuildingPrefix)
                .NewId("b", BuildingPrefix)
                .Then(BatchUpsert(Array(Entity(file, "a"), Entity(file, "b"))), Expect.Status(201), UriArray("a", "b"))
                .Then(QueryBuildings("a", "b"), Expect.Body(Array(Entity(file, "a"), Entity(file, "b"))))
                .Finally(BatchDelete("a", "b"));
        }

        // 004_02: one new entity and two existing ones (created minimal, unchecked) are upserted; only the new id is returned.
        for (var i = 0; i < files.Length; i++)
        {
            var file = files[i];
            yield return new ConformanceCase(Clause, $"004_02_0{i + 1}", "Upsert a batch of new and existing entities with " + titles[i])
                .NewId("first", BuildingPrefix)
                .NewId("second", BuildingPrefix)
                .NewId("new", BuildingPrefix)
                .Then(CreateEntity("building-minimal.jsonld", "first"))
                .Then(CreateEntity("building-minimal.jsonld", "second"))
                .Then(BatchUpsert(Array(Entity(file, "new"), Entity(file, "first"), Entity(file, "second"))),
                    Expect.Status(201), UriArray("new"))
                .Then(QueryBuildings("new", "first", "second"),
                    Expect.Body(Array(Entity(file, "new"), Entity(file, "first"), Entity(file, "second"))))
                .Finally(BatchDelete("first", "second", "new"));
        }

        // 004_03, 004_08: two existing minimal entities are replaced.
        foreach (var (id, title, file) in new[]
        {
            ("004_03_01", "Upsert existing entities with simple properties", "building-simple-attributes.jsonld"),
            ("004_03_02", "Upsert existing entities with relationships", "building-relationship.jsonld"),
            ("004_03_03", "Upsert existing entities with relationships of properties", "building-relationship-of-property.jsonld"),
            ("004_03_04", "Upsert existing entities with a scope", "building-with-one-scope.jsonld"),
            ("004_03_05", "Upsert existing entities with two types", "building-with-two-types.jsonld"),
            ("004_08_01", "Upsert existing entities with new types", "building-minimal-with-new-types.jsonld"),
        })
        {
            // 004_08 does not check the creations.
            Check[] created = id.StartsWith("004_08", StringComparison.Ordinal) ? [] : [Expect.Status(201)];
            yield return new ConformanceCase(Clause, id, title)
                .NewId("first", BuildingPrefix)
                .NewId("second", BuildingPrefix)
                .Then(CreateEntity("building-minimal.jsonld", "first"), created)
                .Then(CreateEntity("building-minimal.jsonld", "second"), created)
                .Then(BatchUpsert(Array(Entity(file, "first"), Entity(file, "second"))), Expect.Status(204), Expect.NoBody())
                .Then(QueryBuildings("first", "second"), Expect.Body(Array(Entity(file, "first"), Entity(file, "second"))))
                .Finally(BatchDelete("first", "second"));
        }

        // 004_04: with options=update the existing entity keeps its attributes and gets the new ones.
        string[] fragments =
        [
            "fragmentEntities/simple-attributes-fragment.json",
            "fragmentEntities/locatedAt-fragment.json",
            "fragmentEntities/simple-attributes-relationship-of-property-fragment.json",
        ];
        for (var i = 0; i < files.Length; i++)
        {
            var file = files[i];
            yield return new ConformanceCase(Clause, $"004_04_0{i + 1}", "Upsert with the update option, " + titles[i])
                .NewId("existing", BuildingPrefix)
                .NewId("new", BuildingPrefix)
                .Then(CreateEntity("building-minimal.jsonld", "existing"), Expect.Status(201))
                .Then(BatchUpsert(Array(Entity(file, "new"), Entity(file, "existing")), "update"), Expect.Status(201), UriArray("new"))
                .Then(QueryBuildings("existing", "new"), BodyOf(
                    new Upserted(file, "new"),
                    new Upserted("building-minimal.jsonld", "existing", fragments[i])))
                .Finally(BatchDelete("existing"), BatchDelete("new"));
        }

        yield return new ConformanceCase(Clause, "004_05_01", "Upsert a batch of two valid entities and one without type")
            .NewId("a", BuildingPrefix)
            .NewId("b", BuildingPrefix)
            .NewId("c", BuildingPrefix)
            .Then(BatchUpsert(Array(
                    Entity("building-minimal.jsonld", "a"), Entity("building-minimal.jsonld", "b"), Entity("building-minimal.jsonld", "c").Remove("$.type"))),
                Expect.Status(207), BatchResult(["a", "b"], ["c"]))
            .Then(QueryBuildings("a", "b"), Expect.Body(Array(Entity("building-minimal.jsonld", "a"), Entity("building-minimal.jsonld", "b"))))
            .Finally(BatchDelete("a", "b", "c"));

        // 004_06: the files are sent as they are, without options. invalid-json-ld.jsonld names the placeholder
        // id; we delete it afterwards in case a broker created it.
        yield return new ConformanceCase(Clause, "004_06_01", "Reject invalid JSON")
            .Then(Http.Post("entityOperations/upsert").LdJson(DataFile("batch/invalid-json.jsonld")), Error(400, "InvalidRequest"));

        yield return new ConformanceCase(Clause, "004_06_02", "Report an invalid JSON-LD entity")
            .Then(Http.Post("entityOperations/upsert").LdJson(DataFile("batch/invalid-json-ld.jsonld")),
                Expect.Status(207), FirstBatchErrorIs("BadRequestData"))
            .Finally(Http.Delete("entities/urn:ngsi-ld:Building:randomUUID"));

        yield return new ConformanceCase(Clause, "004_07_01", "Upsert a batch where two entities share an id")
            .NewId("a", BuildingPrefix)
            .NewId("b", BuildingPrefix)
            .Then(BatchUpsert(Array(
                    Entity("building-minimal.jsonld", "a"), Entity("building-minimal.jsonld", "b"), Entity("building-minimal.jsonld", "a"))),
                Expect.Status(201), UriArray("a", "b"))
            .Finally(BatchDelete("a", "b"));
    }
}
