using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Delete Batch of Entities (clause 5.6.10): <c>POST /entityOperations/delete</c> with an array of ids.</summary>
public static class DeleteBatchOfEntities
{
    private const string Clause = "ContextInformation/Provision/BatchEntities/DeleteBatchOfEntities";

    /// <summary>"Query Entities" for these ids and type Building with the suite context (no Accept).</summary>
    private static Request QueryBuildings(params string[] idVariables) =>
        Http.Get("entities?id=" + string.Join(",", idVariables.Select(v => $"{{{v}}}")) + "&type=Building").WithSuiteContext();

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "006_01_01", "Delete a batch of entities")
            .NewId("a", BuildingPrefix)
            .NewId("b", BuildingPrefix)
            .Then(CreateEntity("building-simple-attributes.jsonld", "a"), Expect.Status(201))
            .Then(CreateEntity("building-simple-attributes.jsonld", "b"), Expect.Status(201))
            .Then(BatchDelete("a", "b"), Expect.Status(204), Expect.NoBody())
            .Then(QueryBuildings("a", "b"), Expect.Count(0))
            .Finally(Teardown("a", "b"));

        yield return new ConformanceCase(Clause, "006_02_01", "Delete a batch of an existing and an unknown entity")
            .NewId("existing", BuildingPrefix)
            .NewId("unknown", BuildingPrefix)
            .Then(CreateEntity("building-simple-attributes.jsonld", "existing"), Expect.Status(201))
            .Then(BatchDelete("existing", "unknown"), Expect.Status(207), BatchResult(["existing"], ["unknown"]))
            .Then(QueryBuildings("existing"), Expect.Count(0))
            .Finally(Teardown("existing"));

        foreach (var (id, title, file, errorType) in new[]
        {
            ("006_03_01", "Reject invalid JSON", "batch/invalid-json.jsonld", "InvalidRequest"),
            ("006_03_02", "Reject an empty array", "batch/empty.jsonld", "BadRequestData"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(Http.Post("entityOperations/delete").LdJson(DataFile(file)), Error(400, errorType));
        }

        yield return new ConformanceCase(Clause, "006_04_01", "Delete a batch naming one entity twice")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity("building-simple-attributes.jsonld", "id"), Expect.Status(201))
            .Then(BatchDelete("id", "id"), Expect.Status(207), BatchResult(["id"], ["id"]))
            .Finally(Teardown("id"));
    }
}
