using System.Text.Json.Nodes;
using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.SubscriptionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>Retrieve Subscription (clause 5.8.3; the <c>Prefer: ngsi-ld=</c> version preference of 4.3.6.8 and 6.3.6): <c>GET /subscriptions/{subscriptionId}</c>.</summary>
public static class RetrieveSubscription
{
    private const string Clause = "ContextInformation/Subscription/RetrieveSubscription";
    private const string WithAttributes = "subscription-building-entities-active-notificationAttributes.jsonld";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "030_01_01", "Reject a subscription id that is not a URI")
            .Then(RetrieveAt("InvalidUri"), Error(400, "BadRequestData"));

        yield return new ConformanceCase(Clause, "030_02_01", "Reject an unknown subscription")
            .Then(RetrieveAt("urn:ngsi-ld:Subscription:unknowSubscription"), Error(404, "ResourceNotFound"));

        yield return new ConformanceCase(Clause, "030_03_01", "Retrieve a subscription")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create("subscription.jsonld", "sub"), Expect.Status(201))
            .Then(Retrieve("sub", suiteLink: true), Expect.Status(200), Expect.Body(Expectation("subscriptions-030-03.json", "sub"), SubscriptionIgnored))
            .Finally(Delete("sub"));

        // 436_09: an earlier version preferred; the subscription comes back as it is, the preference applied.
        yield return new ConformanceCase(Clause, "436_09_01", "Preferring an earlier version leaves a subscription unaltered")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create(WithAttributes, "sub"), Expect.Status(201))
            .Then(Http.Get("subscriptions/{sub}").Header("Prefer", "ngsi-ld=1.0").WithSuiteContext(),
                Expect.Status(200), Expect.Header("Preference-Applied", "ngsi-ld=1.0"), Expect.Value("$.type", "\"Subscription\""),
                new Check.Custom("entities and notification.attributes are lists, the attributes with airQualityLevel", (body, _) =>
                    body?["entities"] is not JsonArray ? "entities is not a list"
                    : body["notification"]?["attributes"] is not JsonArray attributes ? "notification.attributes is not a list"
                    : attributes.Any(a => a?.ToString() == "airQualityLevel") ? null : "airQualityLevel is not among notification.attributes"))
            .Finally(Delete("sub"));

        foreach (var (id, title, prefer) in new[]
        {
            ("436_10_01", "An upper case preference name is honoured", "NGSI-LD=1.0"),
            ("436_10_02", "A mixed case preference name is honoured", "Ngsi-Ld=1.0"),
            ("436_10_03", "A quoted preference value is honoured", "ngsi-ld=\"1.0\""),
            ("436_10_04", "A preference with its own parameters is honoured", "ngsi-ld=1.0;q=0.1"),
            ("436_10_05", "The preference is found among other preferences", "respond-async, ngsi-ld=1.0"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("sub", SubscriptionPrefix)
                .Then(Create(WithAttributes, "sub"), Expect.Status(201))
                .Then(Http.Get("subscriptions/{sub}").Header("Prefer", prefer), Expect.Status(200), Expect.Header("Preference-Applied", "ngsi-ld=1.0"))
                .Finally(Delete("sub"));
        }

        yield return new ConformanceCase(Clause, "436_10_06", "An unrelated preference alone applies no version")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create(WithAttributes, "sub"), Expect.Status(201))
            .Then(Http.Get("subscriptions/{sub}").Header("Prefer", "respond-async"), Expect.Status(200), Expect.NoHeader("Preference-Applied"))
            .Finally(Delete("sub"));
    }
}
