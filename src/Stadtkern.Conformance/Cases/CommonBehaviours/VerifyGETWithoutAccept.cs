using static Stadtkern.Conformance.Cases.CommonBehaviours.CommonKit;

namespace Stadtkern.Conformance.Cases.CommonBehaviours;

/// <summary>TP/NGSI-LD/CommonBehaviours/CommonResponses/VerifyGETWithoutAccept (045): a GET with <c>Accept: */*</c> is answered as <c>application/json</c> with a Link header.</summary>
/// <remarks>Left out: 045_01_03 (GET /csourceRegistrations/) — context source registrations are out of scope.</remarks>
public static class VerifyGETWithoutAccept
{
    private const string Clause = "CommonBehaviours/CommonResponses/VerifyGETWithoutAccept";

    private static readonly Check[] JsonWithLink = [Expect.Status(200), Expect.ContentType(MediaTypes.Json), Expect.Header("Link")];

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "045_01_01", "GET /entities/{entityId} with Accept */* answers JSON")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity("building-simple-attributes.jsonld", "id"), Expect.Status(201))
            .Then(Http.Get("entities/{id}").WithSuiteContext().Accept("*/*"), JsonWithLink)
            .Finally(DeleteEntity("id"));

        yield return new ConformanceCase(Clause, "045_01_02", "GET /subscriptions/{subscriptionId} with Accept */* answers JSON")
            .NewId("sub", SubscriptionPrefix)
            .Then(CreateSubscription("subscriptions/subscription.jsonld", "sub"), Expect.Status(201))
            .Then(RetrieveSubscription("sub").Accept("*/*"), JsonWithLink)
            .Finally(Http.Delete("subscriptions/{sub}"));

        yield return new ConformanceCase(Clause, "045_01_04", "GET /temporal/entities with Accept */* answers JSON")
            .NewId("id", VehiclePrefix)
            .Then(CreateTemporal("vehicle-temporal-representation.jsonld", "id"), Expect.Status(201))
            .Then(Http.Get(TemporalQuery).WithSuiteContext().Accept("*/*"), JsonWithLink)
            .Finally(Http.Delete("temporal/entities/{id}"));
    }
}
