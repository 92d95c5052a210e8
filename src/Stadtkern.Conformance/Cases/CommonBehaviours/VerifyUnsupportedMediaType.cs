using static Stadtkern.Conformance.Cases.CommonBehaviours.CommonKit;

namespace Stadtkern.Conformance.Cases.CommonBehaviours;

/// <summary>TP/NGSI-LD/CommonBehaviours/CommonResponses/VerifyUnsupportedMediaType (048): a body sent as <c>application/xml</c> gives 415.</summary>
/// <remarks>
/// All six suite cases are here. The bodies are JSON, only their Content-Type is wrong; 048_01_02 and 048_01_04
/// send the suite's csourceSubscriptions files to /subscriptions, as the suite does.
/// </remarks>
public static class VerifyUnsupportedMediaType
{
    private const string Clause = "CommonBehaviours/CommonResponses/VerifyUnsupportedMediaType";
    private const string Xml = "application/xml";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "048_01_01", "PATCH /entities/{entityId}/attrs/{attrId} as application/xml gives 415")
            .NewId("id", VehiclePrefix)
            .Then(Http.Patch("entities/{id}/attrs/speed").Json(Payload.FromFile("entities/fragmentEntities/vehicle-brandname-fragment.jsonld"), Xml),
                Expect.Status(415))
            .Finally(DeleteEntity("id"));

        yield return new ConformanceCase(Clause, "048_01_02", "PATCH /subscriptions/{subscriptionId} as application/xml gives 415")
            .NewId("sub", SubscriptionPrefix)
            .Then(Http.Patch("subscriptions/{sub}").Json(Payload.FromFile("csourceSubscriptions/fragments/subscription-update.jsonld"), Xml),
                Expect.Status(415))
            .Finally(Http.Delete("subscriptions/{sub}"));

        yield return new ConformanceCase(Clause, "048_01_03", "POST /entities/ as application/xml gives 415")
            .NewId("id", BuildingPrefix)
            .Then(CreateEntity("building-simple-attributes.jsonld", "id", Xml), Expect.Status(415))
            .Finally(DeleteEntity("id"));

        yield return new ConformanceCase(Clause, "048_01_04", "POST /subscriptions/ as application/xml gives 415")
            .NewId("sub", SubscriptionPrefix)
            .Then(CreateSubscription("csourceSubscriptions/subscription.jsonld", "sub", Xml), Expect.Status(415))
            .Finally(Http.Delete("subscriptions/{sub}"));

        yield return new ConformanceCase(Clause, "048_01_05", "POST /entityOperations/create as application/xml gives 415")
            .NewId("first", BuildingPrefix)
            .NewId("second", BuildingPrefix)
            .Then(Http.Post("entityOperations/create").Json(Batch("building-simple-attributes.jsonld", "first", "second"), Xml),
                Expect.Status(415))
            .Finally(BatchDelete("first", "second"));

        yield return new ConformanceCase(Clause, "048_01_06", "POST /temporal/entities/ as application/xml gives 415")
            .NewId("id", VehiclePrefix)
            .Then(CreateTemporal("vehicle-temporal-representation.jsonld", "id", Xml), Expect.Status(415))
            .Finally(Http.Delete("temporal/entities/{id}"));
    }
}
