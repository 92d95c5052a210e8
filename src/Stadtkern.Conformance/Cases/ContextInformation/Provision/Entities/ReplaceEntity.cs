using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Replace Entity (clause 5.6.18, binding 6.5.3.3): <c>PUT /entities/{entityId}</c>.</summary>
/// <remarks>
/// Suite vs spec: 054_02_02 sends <c>PUT /entities/</c> (no id at all) and expects 400; the HTTP binding
/// of GS CIM 009 v1.8 defines no PUT on <c>/entities/</c>, so 404 or 405 would be at least as defensible.
/// </remarks>
public static class ReplaceEntity
{
    private const string Clause = "ContextInformation/Provision/Entities/ReplaceEntity";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "054_01_01", "Replace an entity and keep its createdAt")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity("building-simple-attributes.json", "id", MediaTypes.Json, suiteLink: true), Expect.Status(201))
            .Then(Retrieve("id", suiteLink: true, options: "sysAttrs").Capture("createdAt", "json:$.createdAt"))
            .Then(Http.Put("entities/{id}").Json(EntityFile("building-locatedAt-and-name.json", "id")).WithSuiteContext(),
                Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("id", suiteLink: true, options: "sysAttrs"),
                Expect.Body(Expectation("building-locatedAt-and-name-normalized.jsonld", "id"), "@context", "createdAt", "modifiedAt"),
                Expect.Value("$.createdAt", "\"{createdAt}\""))
            .Finally(Teardown("id"));

        // 054_02: the replacement's id is set to the faulty id, except when empty (the suite then keeps the file's placeholder).
        foreach (var (id, title, faultyId, status) in new[]
        {
            ("054_02_01", "Reject a replace on an invalid entity id", "invalidUri", 400),
            ("054_02_02", "Reject a replace without an entity id", "", 400),
            ("054_02_03", "Reject a replace on an unknown entity id", "urn:ngsi-ld:Building:Nonexistent", 404),
        })
        {
            var body = DataFile("building-locatedAt-and-name.json");
            if (faultyId.Length > 0)
            {
                body = body.Set("$.id", $"\"{faultyId}\"");
            }

            yield return new ConformanceCase(Clause, id, title)
                .NewId("id", BuildingPrefix)
                .Then(CreateEntity("building-simple-attributes.json", "id", MediaTypes.Json, suiteLink: true), Expect.Status(201))
                .Then(Http.Put("entities/" + faultyId).Json(body).WithSuiteContext(), Expect.Status(status))
                .Finally(Teardown("id"));
        }

        yield return new ConformanceCase(Clause, "054_03_01", "Replace an entity and its scopes")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity("building-minimal-with-one-scope.json", "id", MediaTypes.Json, suiteLink: true), Expect.Status(201))
            .Then(Http.Put("entities/{id}").Json(EntityFile("building-minimal-with-many-scopes.json", "id")).WithSuiteContext(),
                Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("id", MediaTypes.Json, suiteLink: true),
                Expect.Body(ExpectationAllIds("building-minimal-with-two-scopes.json", "id")))
            .Finally(Teardown("id"));
    }
}
