using static Stadtkern.Conformance.Cases.CommonBehaviours.CommonKit;

namespace Stadtkern.Conformance.Cases.CommonBehaviours;

/// <summary>TP/NGSI-LD/CommonBehaviours/CommonResponses/VerifyLdContextNotAvailable (043): a payload whose @context cannot be fetched gives 503 LdContextNotAvailable.</summary>
/// <remarks>
/// Left out: 043_01_05 (Create Context Source Registration) — context source registrations are out of scope.
/// The unretrievable context is <c>…/ngsi-ld-core-context-non-existing.jsonld</c> on uri.etsi.org, left as it is:
/// a broker must not know it built in, and fetching it fails (offline, or 404 online).
/// </remarks>
public static class VerifyLdContextNotAvailable
{
    private const string Clause = "CommonBehaviours/CommonResponses/VerifyLdContextNotAvailable";

    private static readonly Check[] NotAvailable = [Expect.Status(503), Expect.ProblemWithTitle("LdContextNotAvailable")];

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "043_01_01", "Create Entity with an unretrievable @context")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity("building-unretrievable-context.jsonld", "id"), NotAvailable)
            .Finally(DeleteEntity("id"));

        yield return new ConformanceCase(Clause, "043_01_02", "Create Subscription with an unretrievable @context")
            .NewId("sub", SubscriptionPrefix)
            .Then(CreateSubscription("subscriptions/subscription-unretrievable-context.jsonld", "sub"), NotAvailable)
            .Finally(Http.Delete("subscriptions/{sub}"));

        yield return new ConformanceCase(Clause, "043_01_03", "Create Temporal Representation with an unretrievable @context")
            .NewId("id", VehiclePrefix)
            .Then(CreateTemporal("bus-temporal-representation-unretrievable-context.jsonld", "id"), NotAvailable)
            .Finally(Http.Delete("temporal/entities/{id}"));

        yield return new ConformanceCase(Clause, "043_01_04", "Batch Entity Create with an unretrievable @context reports it per entity")
            .NewId("first", BuildingPrefix)
            .NewId("second", BuildingPrefix)
            .Then(Http.Post("entityOperations/create").LdJson(Batch("building-unretrievable-context.jsonld", "first", "second")),
                Expect.Status(207),
                Expect.ProblemAt("$.errors[0].error", "LdContextNotAvailable"),
                Expect.ProblemAt("$.errors[1].error", "LdContextNotAvailable"))
            .Finally(BatchDelete("first", "second"));
    }
}
