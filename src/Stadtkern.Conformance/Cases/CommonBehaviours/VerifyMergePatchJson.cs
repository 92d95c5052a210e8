using static Stadtkern.Conformance.Cases.CommonBehaviours.CommonKit;

namespace Stadtkern.Conformance.Cases.CommonBehaviours;

/// <summary>TP/NGSI-LD/CommonBehaviours/CommonResponses/VerifyMergePatchJson (044): PATCH accepts <c>application/merge-patch+json</c>.</summary>
public static class VerifyMergePatchJson
{
    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase("CommonBehaviours/CommonResponses/VerifyMergePatchJson", "044_01_01",
                "PATCH /entities/{entityId}/attrs/{attrId} with merge-patch+json")
            .NewId("id", VehiclePrefix)
            .Then(CreateEntity("vehicle-simple-attributes.jsonld", "id"), Expect.Status(201))
            .Then(Http.Patch("entities/{id}/attrs/brandName")
                    .Json(Payload.FromFile("entities/fragmentEntities/vehicle-brandname-fragment.json"), MediaTypes.MergePatch)
                    .WithSuiteContext(),
                Expect.Status(204))
            .Finally(DeleteEntity("id"));

        yield return new ConformanceCase("CommonBehaviours/CommonResponses/VerifyMergePatchJson", "044_02_01",
                "PATCH /subscriptions/{subscriptionId} with merge-patch+json")
            .NewId("sub", SubscriptionPrefix)
            .Then(CreateSubscription("subscriptions/subscription.jsonld", "sub"), Expect.Status(201))
            .Then(Http.Patch("subscriptions/{sub}")
                    .Json(Payload.FromFile("subscriptions/fragments/subscription-update.json"), MediaTypes.MergePatch)
                    .WithSuiteContext(),
                Expect.Status(204))
            .Finally(Http.Delete("subscriptions/{sub}"));
    }
}
