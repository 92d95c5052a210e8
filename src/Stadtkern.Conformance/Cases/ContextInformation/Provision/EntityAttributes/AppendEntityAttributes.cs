using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Append Entity Attributes (clause 5.6.3): <c>POST /entities/{entityId}/attrs</c>.</summary>
/// <remarks>
/// The suite names both cases of <c>010_07.robot</c> "010_07_01"; the second (overwrite disabled) is 010_07_02 here
/// so that every key is unique.
/// Suite vs spec: 010_04_01 expects the UpdateResult to name both attributes by their expanded IRIs, while
/// GS CIM 009 v1.8 gives attribute names in responses as terms compacted with the request's @context (the core
/// context when no Link header is sent, under which the default-context attribute is <c>attribute_to_be_added</c>).
/// A broker that compacts the names fails the case.
/// </remarks>
public static class AppendEntityAttributes
{
    private const string Clause = "ContextInformation/Provision/EntityAttributes/AppendEntityAttributes";

    public static IEnumerable<ConformanceCase> All()
    {
        // Append (application/ld+json fragment) to a vehicle, then compare the whole entity, retrieved as
        // application/ld+json with the suite context, with the expectation (its id set).
        (string Id, string Title, string Initial, string Fragment, string Expectation, bool EmptyBodyChecked)[] appended =
        [
            ("010_01_01", "Append attributes", "vehicle-speed-two-datasetid.jsonld", "vehicle-new-attribute-fragment.jsonld", "vehicle-speed-appended.jsonld", true),
            ("010_01_02", "Append an attribute instance with another datasetId", "vehicle-speed-two-datasetid.jsonld", "vehicle-speed-different-datasetid-fragment.jsonld", "vehicle-speed-different-datasetid.jsonld", true),
            ("010_06_01", "Append a LanguageProperty", "vehicle-speed-two-datasetid.jsonld", "vehicle-new-language-property-fragment.jsonld", "vehicle-language-property-appended.jsonld", true),
            ("010_10_01", "Append a JsonProperty", "vehicle-speed-two-datasetid.jsonld", "vehicle-new-json-property-fragment.jsonld", "vehicle-json-property-appended.jsonld", false),
            ("010_11_01", "Append a VocabProperty", "vehicle-minimal.jsonld", "vehicle-new-vocab-property-fragment.jsonld", "vehicle-vocab-property-appended.jsonld", false),
        ];
        foreach (var (id, title, initial, fragment, expectation, emptyBodyChecked) in appended)
        {
            Check[] appendChecks = emptyBodyChecked ? [Expect.Status(204), Expect.NoBody()] : [Expect.Status(204)];
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity(initial, "id"), Expect.Status(201))
                .Then(Http.Post("entities/{id}/attrs").LdJson(Fragment(fragment)), appendChecks)
                .Then(Retrieve("id", MediaTypes.LdJson, suiteLink: true), Expect.Body(Expectation(expectation, "id")))
                .Finally(Teardown("id"));
        }

        // 010_02: a missing or invalid entity id in the path (the suite's URL then reads entities//attrs/).
        foreach (var (id, title, target) in new[]
        {
            ("010_02_01", "Reject an append without an entity id", ""),
            ("010_02_02", "Reject an append on an invalid entity id", "thisisaninvaliduri"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity("vehicle-speed-two-datasetid.jsonld", "id"), Expect.Status(201))
                .Then(Http.Post($"entities/{target}/attrs").LdJson(Fragment("vehicle-attribute-to-add-fragment.jsonld")),
                    Error(400, "BadRequestData"))
                .Finally(Teardown("id"));
        }

        yield return new ConformanceCase(Clause, "010_03_01", "Reject an append on an unknown entity")
            .NewId("id", VehiclePrefix)
            .Then(Http.Post("entities/{id}/attrs").LdJson(Fragment("vehicle-attribute-to-add-fragment.jsonld")),
                Error(404, "ResourceNotFound"))
            .Finally(Teardown("id"));

        yield return new ConformanceCase(Clause, "010_04_01", "Append with noOverwrite keeps an existing instance")
            .NewId("id", VehiclePrefix)
            .Then(CreateEntity("vehicle-speed-two-datasetid.jsonld", "id"), Expect.Status(201))
            .Then(Http.Post("entities/{id}/attrs?options=noOverwrite").LdJson(Fragment("vehicle-attribute-to-add-fragment.jsonld")),
                Expect.Status(207),
                UpdateResult(["https://uri.etsi.org/ngsi-ld/default-context/attribute_to_be_added"], [SuiteContexts.Vocab + "speed"]))
            .Then(Retrieve("id", MediaTypes.LdJson, suiteLink: true),
                Expect.Body(Expectation("vehicle-speed-appended.jsonld", "id"), "@context"))
            .Finally(Teardown("id"));

        yield return new ConformanceCase(Clause, "010_04_02", "Append with noOverwrite adds a new instance")
            .NewId("id", VehiclePrefix)
            .Then(CreateEntity("vehicle-speed-two-datasetid.jsonld", "id"), Expect.Status(201))
            .Then(Http.Post("entities/{id}/attrs?options=noOverwrite").LdJson(Fragment("vehicle-speed-different-datasetid-fragment.jsonld")),
                Expect.Status(204))
            .Then(Retrieve("id", MediaTypes.LdJson, suiteLink: true),
                Expect.Body(Expectation("vehicle-speed-different-datasetid.jsonld", "id"), "@context"))
            .Finally(Teardown("id"));

        yield return new ConformanceCase(Clause, "010_05_01", "Reject an invalid fragment")
            .NewId("id", VehiclePrefix)
            .Then(CreateEntity("vehicle-speed-two-datasetid.jsonld", "id"), Expect.Status(201))
            .Then(Http.Post("entities/{id}/attrs").LdJson(Fragment("invalid-fragment.jsonld")), Error(400, "InvalidRequest"))
            .Finally(Teardown("id"));

        // 010_07: the scope fragment is sent as application/json without a Link header; the entity is
        // created and retrieved as application/json with the suite context.
        foreach (var (id, title, query, expectation) in new[]
        {
            ("010_07_01", "Append a scope with overwrite replaces it", "", "building-minimal-with-one-scope.json"),
            ("010_07_02", "Append a scope with noOverwrite adds it", "?options=noOverwrite", "building-minimal-with-two-scopes.json"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", VehiclePrefix)
                .Then(CreateEntity("building-minimal-with-one-scope.json", "id", MediaTypes.Json, suiteLink: true), Expect.Status(201))
                .Then(Http.Post("entities/{id}/attrs" + query).Json(Fragment("one-scope-fragment.json")), Expect.Status(204), Expect.NoBody())
                .Then(Retrieve("id", MediaTypes.Json, suiteLink: true), Expect.Body(Expectation(expectation, "id")))
                .Finally(Teardown("id"));
        }

        // 010_08, 010_09: a GeoProperty fragment sent as application/json without a Link header.
        foreach (var (id, title, fragment, expectation) in new[]
        {
            ("010_08", "Append an observationSpace GeoProperty", "observation-space-fragment.json", "building-observation-space-geoproperty-normalized.jsonld"),
            ("010_09", "Append an operationSpace GeoProperty", "operation-space-fragment.json", "building-operation-space-geoproperty-normalized.jsonld"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", BuildingPrefix)
                .Then(CreateEntity("building-minimal.jsonld", "id"), Expect.Status(201))
                .Then(Http.Post("entities/{id}/attrs").Json(Fragment(fragment)), Expect.Status(204), Expect.NoBody())
                .Then(Retrieve("id", MediaTypes.Json, suiteLink: true), Expect.Body(Expectation(expectation, "id")))
                .Finally(Teardown("id"));
        }
    }
}
