using static Stadtkern.Conformance.Cases.ContextInformation.Provision.TemporalProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Create or Update Temporal Evolution of an Entity (clause 5.6.11), creating: <c>POST /temporal/entities/</c>.</summary>
/// <remarks>
/// <para>The suite posts to <c>temporal/entities/</c> with a trailing slash when it sets the id
/// ("Create Or Update …"), and to <c>temporal/entities</c> without one when it sends a file as it is (007_02).</para>
/// <para>007_03 checks only the status; clause 5.6.11.4 makes a missing or non-URI id a BadRequestData.</para>
/// </remarks>
public static class CreateTemporalRepresentationOfEntity
{
    private const string Clause = "ContextInformation/Provision/TemporalEntity/CreateTemporalRepresentationOfEntity";

    public static IEnumerable<ConformanceCase> All()
    {
        // 007_01: created (201, empty body), then the whole history is read back; the JSON-LD one with the suite Link.
        yield return new ConformanceCase(Clause, "007_01_01", "Create a temporal representation of an entity")
            .NewId("id", VehiclePrefix)
            .Then(CreateTemporal("vehicle-create-temporal-representation.jsonld", "id"), Expect.Status(201), Expect.NoBody())
            .Then(RetrieveTemporal("id", suiteLink: true), Expect.Status(200), Matches("vehicle-temporal-representation-create.jsonld", "id"))
            .Finally(DeleteTemporal("id"));

        yield return new ConformanceCase(Clause, "007_01_02", "Create a temporal entity with no context")
            .NewId("id", VehiclePrefix)
            .Then(CreateTemporal("vehicle-create-temporal-representation-without-context.jsonld", "id", MediaTypes.Json), Expect.Status(201), Expect.NoBody())
            .Then(RetrieveTemporal("id"), Expect.Status(200), Matches("vehicle-temporal-representation-create-with-no-context.jsonld", "id"))
            .Finally(DeleteTemporal("id"));

        // 007_02: a body that is not JSON, or empty, sent as it is.
        foreach (var (id, title, file) in new[]
        {
            ("007_02_01", "Reject a temporal entity that is invalid JSON", "vehicle-temporal-representation-invalid-json.jsonld"),
            ("007_02_02", "Reject an empty temporal entity", "vehicle-temporal-representation-empty-json.jsonld"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(Http.Post("temporal/entities").Json(RawTemporalFile(file), MediaTypes.LdJson), Error(400, "InvalidRequest"));
        }

        // 007_03: the id set to "" or to a string that is not a URI.
        foreach (var (id, title, entityId, file) in new[]
        {
            ("007_03_01", "Reject a temporal entity without an id", "", "vehicle-temporal-representation-without-id.jsonld"),
            ("007_03_02", "Reject a temporal entity whose id is not a URI", "invalidId", Vehicle),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Let("entity", entityId)
                .Then(CreateTemporal(file, "entity"), Expect.Status(400))
                .Finally(DeleteTemporal("entity"));
        }
    }
}
