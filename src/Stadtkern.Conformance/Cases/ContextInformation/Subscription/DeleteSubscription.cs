using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.SubscriptionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>Delete Subscription (clause 5.8.5): <c>DELETE /subscriptions/{subscriptionId}</c>.</summary>
public static class DeleteSubscription
{
    private const string Clause = "ContextInformation/Subscription/DeleteSubscription";

    public static IEnumerable<ConformanceCase> All()
    {
        // Without an id the path is the collection, which has no DELETE.
        yield return new ConformanceCase(Clause, "032_01_01", "Refuse a delete without a subscription id")
            .Then(Http.Delete("subscriptions/"), Expect.Status(405));

        yield return new ConformanceCase(Clause, "032_01_02", "Reject a subscription id that is not a URI")
            .Then(Http.Delete("subscriptions/InvalidUri"), Error(400, "BadRequestData"));

        yield return new ConformanceCase(Clause, "032_02_01", "Reject an unknown subscription")
            .Then(Http.Delete("subscriptions/urn:ngsi-ld:Subscription:unknowSubscription"), Error(404, "ResourceNotFound"));

        yield return new ConformanceCase(Clause, "032_03_01", "Delete a subscription")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create("subscription.jsonld", "sub"), Expect.Status(201))
            .Then(Delete("sub"), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("sub"), Expect.Status(404))
            .Finally(Delete("sub"));
    }
}
