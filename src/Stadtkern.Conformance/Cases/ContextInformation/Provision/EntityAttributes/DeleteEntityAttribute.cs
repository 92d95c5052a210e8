using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Delete Entity Attribute (clause 5.6.5): <c>DELETE /entities/{entityId}/attrs/{attrId}</c>.</summary>
/// <remarks>
/// The suite's keyword always sends <c>Content-Type: application/json</c> (without a body) and adds
/// <c>datasetId</c> and <c>deleteAll</c> to the query only when given; we do the same.
/// </remarks>
public static class DeleteEntityAttribute
{
    private const string Clause = "ContextInformation/Provision/EntityAttributes/DeleteEntityAttribute";

    /// <summary>The suite's "Delete Entity Attributes" request.</summary>
    private static Request DeleteAttribute(string entity, string attribute, string datasetId, string deleteAll, bool suiteLink = false)
    {
        var query = string.Join("&", new[] { ("datasetId", datasetId), ("deleteAll", deleteAll) }
            .Where(p => p.Item2.Length > 0)
            .Select(p => $"{p.Item1}={p.Item2}"));
        var request = Http.Delete($"entities/{entity}/attrs/{attribute}?{query}").WithContentType(MediaTypes.Json);
        return suiteLink ? request.WithSuiteContext() : request;
    }

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var (id, title, datasetId, deleteAll, expectation) in new[]
        {
            ("013_01_01", "Delete the default instance of an attribute", "", "false", "vehicle-delete-default-speed.jsonld"),
            ("013_01_02", "Delete the attribute instance with a datasetId", "urn:ngsi-ld:Dataset:gps", "false", "vehicle-delete-datasetid-speed.jsonld"),
            ("013_01_03", "Delete all instances of an attribute", "", "true", "vehicle-delete-deleteall-speed.jsonld"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity("vehicle-speed-only-multi-instances.jsonld", "id"), Expect.Status(201))
                .Then(DeleteAttribute("{id}", "speed", datasetId, deleteAll, suiteLink: true), Expect.Status(204), Expect.NoBody())
                .Then(Retrieve("id", MediaTypes.LdJson, suiteLink: true), Expect.Body(Expectation(expectation, "id"), "@context"))
                .Finally(Teardown("id"));
        }

        // 013_02: only the status is checked.
        foreach (var (id, title, entity, attribute, status) in new[]
        {
            ("013_02_01", "Reject a delete without an entity id", "", "speed", 400),
            ("013_02_02", "Reject a delete on an invalid entity id", "thisIsAnInvalidURI", "speed", 400),
            ("013_02_03", "Reject a delete without an attribute name", "{id}", "", 405),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity("vehicle-two-datasetid-attributes.jsonld", "id"), Expect.Status(201))
                .Then(DeleteAttribute(entity, attribute, "", "false"), Expect.Status(status))
                .Finally(Teardown("id"));
        }

        // 013_03: unknown entity, attribute or datasetId; only the status is checked.
        foreach (var (id, title, entity, attribute, datasetId) in new[]
        {
            ("013_03_01", "Reject a delete on an unknown entity", "{unknown}", "speed", "urn:ngsi-ld:Property:gpsBxyz123-speed"),
            ("013_03_02", "Reject a delete of an attribute the entity lacks", "{id}", "notFound", ""),
            ("013_03_03", "Reject a delete of an unknown datasetId", "{id}", "speed", "urn:ngsi-ld:Property:notFound"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .NewId("unknown", VehiclePrefix)
                .Then(CreateEntity("vehicle-two-datasetid-attributes.jsonld", "id"), Expect.Status(201))
                .Then(DeleteAttribute(entity, attribute, datasetId, "false"), Expect.Status(404))
                .Finally(Teardown("id"));
        }

        yield return new ConformanceCase(Clause, "013_04", "Delete the scope of an entity")
            .NewId("id", VehiclePrefix)
            .Then(CreateEntity("building-minimal-with-one-scope.json", "id", MediaTypes.Json), Expect.Status(201))
            .Then(DeleteAttribute("{id}", "scope", "", "false"), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("id", MediaTypes.Json), Expect.Body(Expectation("building-minimal-compacted.json", "id")))
            .Finally(Teardown("id"));

        foreach (var (id, title, file, attribute) in new[]
        {
            ("013_05", "Delete an observationSpace GeoProperty", "building-observation-space-geoproperty.jsonld", "observationSpace"),
            ("013_06", "Delete an operationSpace GeoProperty", "building-operation-space-geoproperty.jsonld", "operationSpace"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", BuildingPrefix)
                .Then(CreateEntity(file, "id"), Expect.Status(201))
                .Then(DeleteAttribute("{id}", attribute, "", "false"), Expect.Status(204), Expect.NoBody())
                .Then(Retrieve("id", suiteLink: true), Expect.Body(Expectation("building-minimal-compacted.json", "id")))
                .Finally(Teardown("id"));
        }

        yield return new ConformanceCase(Clause, "013_07_01", "Delete a VocabProperty")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity("building-vocab-property-string.jsonld", "id"), Expect.Status(201))
            .Then(DeleteAttribute("{id}", "vocabProperty", "", "false"), Expect.Status(204))
            .Then(Retrieve("id", MediaTypes.Json), Expect.Body(Expectation("building-minimal.json", "id")))
            .Finally(Teardown("id"));
    }
}
