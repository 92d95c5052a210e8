using System.Text.Json.Nodes;
using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.SubscriptionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>Update Subscription (clause 5.8.2): <c>PATCH /subscriptions/{subscriptionId}</c> with a fragment as <c>application/json</c>.</summary>
public static class UpdateSubscription
{
    private const string Clause = "ContextInformation/Subscription/UpdateSubscription";

    public static IEnumerable<ConformanceCase> All()
    {
        // Without an id the path is the collection, which has no PATCH.
        yield return new ConformanceCase(Clause, "029_01_01", "Refuse an update without a subscription id")
            .Then(Update("", "subscription-update.json"), Expect.Status(405));

        yield return new ConformanceCase(Clause, "029_01_02", "Reject a subscription id that is not a URI")
            .Then(Update("InvalidUri", "subscription-update.json"), Error(400, "BadRequestData"));

        yield return new ConformanceCase(Clause, "029_02_01", "Reject an unknown subscription")
            .Then(Update("urn:ngsi-ld:Subscription:unknowSubscription", "subscription-update.json"), Error(404, "ResourceNotFound"));

        yield return Existing("029_03_01", "Reject a fragment that breaks the data types")
            .Then(Update("{sub}", "subscription-invalid-update.json"), Error(400, "BadRequestData"));

        yield return Existing("029_04_01", "Reject removing a mandatory member with null")
            .Then(Update("{sub}", "subscription-null-properties-update.json"), Error(400, "BadRequestData"));

        yield return Existing("029_05_01", "Entity types are expanded with the Link context")
            .Then(Update("{sub}", "subscription-vehicle-entities.json", suiteLink: true), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("sub", suiteLink: true), Expect.Body(Expectation("subscription-vehicle.jsonld", "sub"), SubscriptionIgnored));

        yield return Existing("029_05_02", "Without a Link context the updated types come back expanded")
            .Then(Update("{sub}", "subscription-vehicle-entities.json", suiteLink: true), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("sub"), Expect.Body(Expectation("subscription-vehicle-expanded-types.jsonld", "sub"), SubscriptionIgnored));

        yield return Existing("029_06_01", "Update a subscription")
            .Then(Update("{sub}", "subscription-update.json", suiteLink: true), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("sub", MediaTypes.LdJson, suiteLink: true), Expect.Status(200), Patched("subscription.jsonld", "subscription-update.json"));

        yield return Existing("029_07_01", "isActive true activates a paused subscription", "subscription-inactive.jsonld")
            .Then(Update("{sub}", "subscription-isActive-true-update.json"), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("sub"), Status("active"));

        yield return Existing("029_08_01", "isActive true with a future expiresAt activates a paused subscription", "subscription-inactive.jsonld")
            .Then(Update("{sub}", "subscription-isActive-expiresAt-update.json"), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("sub"), Status("active"));

        yield return Existing("029_09_01", "isActive false pauses a subscription")
            .Then(Update("{sub}", "subscription-isActive-false-update.json"), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("sub"), Status("paused"));

        // The suite lets the subscription expire 5 s ahead, sleeps 10 s, then moves expiresAt into the future.
        yield return Existing("029_10_01", "A future expiresAt reactivates an expired subscription")
            .LetInstant("soon", TimeSpan.FromSeconds(5))
            .Then(Update("{sub}", Payload.FromFile("subscriptions/fragments/subscription-expiresAt-update.json").Set("$.expiresAt", "\"{soon}\"")))
            .Then(Update("{sub}", "subscription-expiresAt-future-update.json").After(TimeSpan.FromSeconds(10)), Expect.Status(204), Expect.NoBody())
            .Then(Retrieve("sub"), Status("active"));

        yield return Existing("029_11_01", "Reject an expiresAt in the past")
            .Then(Update("{sub}", "subscription-expiresAt-update.json"), Error(400, "BadRequestData"));
    }

    /// <summary>A case that starts by creating the subscription <c>{sub}</c> from the file, and deletes it at the end.</summary>
    private static ConformanceCase Existing(string id, string title, string file = "subscription.jsonld") =>
        new ConformanceCase(Clause, id, title)
            .NewId("sub", SubscriptionPrefix)
            .Then(Create(file, "sub"), Expect.Status(201))
            .Finally(Delete("sub"));

    // 029_06: the created subscription with the fragment's members put over its own ("Upsert Element In Entity"),
    // compared ignoring status and what the broker counts.
    private static Check Patched(string subscriptionFile, string fragmentFile) =>
        new ResponseCheck($"the body is {subscriptionFile} with the members of {fragmentFile}", (response, context) =>
        {
            var expected = (JsonObject)context.BuildJson(SubscriptionFile(subscriptionFile, "sub"))!;
            foreach (var (name, value) in (JsonObject)context.LoadJson("subscriptions/fragments/" + fragmentFile)!)
            {
                expected[name] = value?.DeepClone();
            }

            var differences = JsonComparer.Compare(expected, response.Json, ["$.status", .. BrokerMembers]);
            return differences.Count == 0 ? null : string.Join("\n  ", ["differs:", .. differences.Take(15)]);
        });
}
