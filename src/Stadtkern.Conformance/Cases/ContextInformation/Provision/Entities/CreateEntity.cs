using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Create Entity (clause 5.6.1, content negotiation 6.3.5): <c>POST /entities</c>.</summary>
/// <remarks>
/// Suite vs spec: 001_02_02 posts <c>[]</c> (valid JSON, not an entity) and expects <c>InvalidRequest</c>,
/// while the batch folder (003_03_02) expects <c>BadRequestData</c> for the same body; both are arguable
/// under GS CIM 009 v1.8 (InvalidRequest is for syntactically invalid requests), so the suite is inconsistent.
/// </remarks>
public static class CreateEntity
{
    private const string Clause = "ContextInformation/Provision/Entities/CreateEntity";

    public static IEnumerable<ConformanceCase> All()
    {
        // 001_01, 001_10..001_15: create, then retrieve and compare with what was sent.
        // With application/json the suite retrieves with Accept application/json and no Link;
        // with application/ld+json it retrieves with Accept application/ld+json and the suite context.
        (string Id, string Title, string File, string ContentType, bool EmptyBodyChecked)[] created =
        [
            ("001_01_01", "Create a minimal entity", "building-minimal.json", MediaTypes.Json, true),
            ("001_01_02", "Create an entity with simple properties", "building-simple-attributes.jsonld", MediaTypes.LdJson, true),
            ("001_01_03", "Create an entity with relationships of properties", "building-relationship-of-property.jsonld", MediaTypes.LdJson, true),
            ("001_01_04", "Create an entity with a location", "building-location-attribute.jsonld", MediaTypes.LdJson, true),
            ("001_01_05", "Create an entity with a non-core GeoProperty", "building-non-core-geoproperty-attribute.jsonld", MediaTypes.LdJson, true),
            ("001_10_01", "Create an entity with a LanguageProperty", "building-language-property.jsonld", MediaTypes.LdJson, true),
            ("001_12", "Create an entity with an observationSpace GeoProperty", "building-observation-space-geoproperty.jsonld", MediaTypes.LdJson, true),
            ("001_13", "Create an entity with an operationSpace GeoProperty", "building-operation-space-geoproperty.jsonld", MediaTypes.LdJson, true),
            ("001_14_01", "Create an entity with a JsonProperty object", "building-json-property-object.jsonld", MediaTypes.LdJson, false),
            ("001_14_02", "Create an entity with a JsonProperty array", "building-json-property-array.jsonld", MediaTypes.LdJson, false),
            ("001_15_01", "Create an entity with a VocabProperty string", "building-vocab-property-string.jsonld", MediaTypes.LdJson, false),
            ("001_15_02", "Create an entity with a VocabProperty array", "building-vocab-property-array.jsonld", MediaTypes.LdJson, false),
        ];
        foreach (var (id, title, file, contentType, emptyBodyChecked) in created)
        {
            Check[] createChecks = emptyBodyChecked
                ? [Expect.Status(201), Expect.NoBody(), Expect.HeaderEndsWith("Location", "/ngsi-ld/v1/entities/{id}")]
                : [Expect.Status(201), Expect.HeaderEndsWith("Location", "/ngsi-ld/v1/entities/{id}")];
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", BuildingPrefix)
                .Then(CreateEntity(file, "id", contentType), createChecks)
                .Then(Retrieve("id", contentType, suiteLink: contentType == MediaTypes.LdJson),
                    Expect.Status(200), Expect.Body(EntityFile(file, "id")))
                .Finally(Teardown("id"));
        }

        // 001_11: scopes, created and retrieved as application/json without Link.
        foreach (var (id, title, file) in new[]
        {
            ("001_11_01", "Create an entity with one scope", "building-minimal-with-one-scope.json"),
            ("001_11_02", "Create an entity with many scopes", "building-minimal-with-many-scopes.json"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", BuildingPrefix)
                .Then(CreateEntity(file, "id", MediaTypes.Json),
                    Expect.Status(201), Expect.NoBody(), Expect.HeaderEndsWith("Location", "/ngsi-ld/v1/entities/{id}"))
                .Then(Retrieve("id", MediaTypes.Json), Expect.Status(200), Expect.Body(EntityFile(file, "id")))
                .Finally(Teardown("id"));
        }

        // 001_02: the file is posted verbatim (its placeholder id is kept) as application/ld+json.
        // The robot has no teardown; we delete the placeholder id in case a broker wrongly accepted it.
        foreach (var (id, title, file, errorType) in new[]
        {
            ("001_02_01", "Reject invalid JSON", "invalid-json.jsonld", "InvalidRequest"),
            ("001_02_02", "Reject an empty JSON array", "empty.jsonld", "InvalidRequest"),
            ("001_02_03", "Reject an entity without @context as JSON-LD", "building-minimal.json", "BadRequestData"),
            ("001_02_04", "Reject an entity with an invalid type", "invalid-type.jsonld", "BadRequestData"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(Http.Post("entities").LdJson(DataFile(file)), Error(400, errorType))
                .Finally(Http.Delete("entities/urn:ngsi-ld:Building:randomUUID"));
        }

        yield return new ConformanceCase(Clause, "001_03_01", "Reject an entity whose id already exists")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity("building-minimal.jsonld", "id"), Expect.Status(201))
            .Then(CreateEntity("building-minimal.jsonld", "id"), Error(409, "AlreadyExists"))
            .Finally(Teardown("id"));

        // 001_04, 001_05, 001_07: which @context the broker used is seen in how the retrieved term is compacted.
        // The robot does not check the creation status; we do not either.
        (string Id, string Title, string File, string ContentType, bool CreateLink, bool RetrieveLink, string? Accept, string Member)[] contexts =
        [
            ("001_04_01", "Link header context with application/json, retrieved with context", "building-simple-attributes.json", MediaTypes.Json, true, true, null, "almostFull"),
            ("001_04_02", "Link header context with application/json, retrieved without context", "building-simple-attributes.json", MediaTypes.Json, true, false, null, SuiteContexts.Vocab + "almostFull"),
            ("001_05_01", "Default context with application/json, retrieved without context", "building-simple-attributes.json", MediaTypes.Json, false, false, null, "almostFull"),
            ("001_05_02", "Default context with application/json, retrieved with context", "building-simple-attributes.json", MediaTypes.Json, false, true, MediaTypes.Json, "ngsi-ld:default-context/almostFull"),
            ("001_07_01", "Payload context with application/ld+json, retrieved with context", "building-simple-attributes.jsonld", MediaTypes.LdJson, false, true, null, "almostFull"),
            ("001_07_02", "Payload context with application/ld+json, retrieved without context", "building-simple-attributes.jsonld", MediaTypes.LdJson, false, false, null, SuiteContexts.Vocab + "almostFull"),
        ];
        foreach (var (id, title, file, contentType, createLink, retrieveLink, accept, member) in contexts)
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", BuildingPrefix)
                .Then(CreateEntity(file, "id", contentType, createLink))
                .Then(Retrieve("id", accept, retrieveLink), HasMember(member))
                .Finally(Teardown("id"));
        }

        // 001_06, 001_08, 001_09: @context in the wrong place for the content type.
        foreach (var (id, title, file, contentType, link) in new[]
        {
            ("001_06_01", "Reject a JSON-LD @context in an application/json body", "building-simple-attributes.jsonld", MediaTypes.Json, false),
            ("001_08_01", "Reject an application/ld+json body without @context", "building-simple-attributes.json", MediaTypes.LdJson, false),
            ("001_09_01", "Reject a Link header with application/ld+json", "building-simple-attributes.jsonld", MediaTypes.LdJson, true),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", BuildingPrefix)
                .Then(CreateEntity(file, "id", contentType, link), Error(400, "BadRequestData"))
                .Finally(Teardown("id"));
        }
    }
}
