using System.Text.Json.Nodes;
using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.SubscriptionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>Create Subscription (clause 5.8.1, data type 5.2.12): <c>POST /subscriptions</c>.</summary>
/// <remarks>
/// Like the suite, these cases keep the files' endpoint (<c>http://localhost:1111/notify</c>): nothing here waits
/// for a notification. 028_09, 028_10 and 5811 build their bodies inline, as the robot files do.
/// </remarks>
public static class CreateSubscription
{
    private const string Clause = "ContextInformation/Subscription/CreateSubscription";

    /// <summary>The inline body of 028_09 and 028_10 without a <c>@context</c>, sent as <c>application/json</c>; <c>{notification}</c> and <c>{endpoint}</c> extend the two objects.</summary>
    private const string Minimal = """{"id": "{sub}", "type": "Subscription", "entities": [{"type": "Building"}], "notification": {"endpoint": {"uri": "http://localhost:18099/notify"{endpoint}}{notification}}}""";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "028_01_01", "Create a subscription")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create("subscription.jsonld", "sub"), Expect.Status(201))
            .Then(Retrieve("sub", MediaTypes.LdJson, suiteLink: true),
                Expect.Status(200), Expect.Body(Payload.Entity("subscriptions/expectations/subscription-028-01.jsonld", "sub"), BrokerMembers))
            .Finally(Delete("sub"));

        foreach (var (id, title, file, errorType) in new[]
        {
            ("028_02_01", "Reject a subscription that is not JSON", "subscription-invalid-json.jsonld", "InvalidRequest"),
            ("028_02_02", "Reject an empty subscription", "subscription-empty.jsonld", "BadRequestData"),
            ("028_05_01", "Reject throttling together with timeInterval", "subscription-invalid-throttling-timeInterval.jsonld", "BadRequestData"),
            ("028_05_02", "Reject a negative throttling", "subscription-invalid-negative-throttling.jsonld", "BadRequestData"),
        })
        {
            // Posted verbatim ("Create Subscription From File"), placeholder id and all.
            yield return new ConformanceCase(Clause, id, title)
                .Then(Http.Post("subscriptions/").LdJson(Payload.FromFile("subscriptions/" + file)), Error(400, errorType))
                .Finally(Http.Delete("subscriptions/urn:ngsi-ld:Subscription:randomUUID"));
        }

        foreach (var (id, title, badId) in new[] { ("028_03_01", "Reject an id that is not a URI", "invalidId"), ("028_03_02", "Reject an empty id", "") })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(Create(Payload.FromFile("subscriptions/subscription.jsonld").Set("$.id", $"\"{badId}\"")), Error(400, "BadRequestData"));
        }

        yield return new ConformanceCase(Clause, "028_04_01", "Reject a subscription whose id exists")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create("subscription.jsonld", "sub"), Expect.Status(201))
            .Then(Create("subscription.jsonld", "sub"), Error(409, "AlreadyExists"))
            .Finally(Delete("sub"));

        yield return new ConformanceCase(Clause, "028_06", "Create a subscription with a datasetId")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create("subscription-building-with-datasetId.jsonld", "sub"), Expect.Status(201))
            .Then(Retrieve("sub", MediaTypes.LdJson, suiteLink: true),
                Expect.Status(200), Expect.Body(Payload.Entity("subscriptions/expectations/subscription-with-datasetId.jsonld", "sub"), "jsonldContext"))
            .Finally(Delete("sub"));

        foreach (var (id, title, file, status, errorType) in new[]
        {
            ("028_07_01", "Reject a jsonldContext that is not a URI", "subscription-building-with-invalid-jsonldContext.jsonld", 400, "BadRequestData"),
            ("028_07_02", "Reject a jsonldContext that cannot be fetched", "subscription-building-with-unavailable-jsonldContext.jsonld", 504, "LdContextNotAvailable"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("sub", SubscriptionPrefix)
                .Then(Create(file, "sub"), Error(status, errorType))
                .Finally(Delete("sub"));
        }

        foreach (var (id, title, file) in new[]
        {
            ("028_08_01", "Reject the same member in pick and omit", "subscription-invalid-same-member-pick-omit.json"),
            ("028_08_02", "Reject pick together with attributes", "subscription-invalid-pick-and-attributes.json"),
            ("028_08_03", "Reject omit together with attributes", "subscription-invalid-omit-and-attributes.json"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("sub", SubscriptionPrefix)
                .Then(Create(file, "sub", MediaTypes.Json).WithSuiteContext(), Error(400, "BadRequestData"))
                .Finally(Delete("sub"));
        }

        foreach (var (id, title, notification) in new[]
        {
            ("028_09_01", "Reject showChanges with keyValues", """, "format": "keyValues", "showChanges": true"""),
            ("028_09_02", "Reject showChanges with simplified", """, "format": "simplified", "showChanges": true"""),
            ("028_09_03", "Reject an empty attributes array", """, "attributes": []"""),
            ("028_09_04", "Reject an empty pick array", """, "pick": []"""),
            ("028_09_05", "Reject an empty omit array", """, "omit": []"""),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("sub", SubscriptionPrefix)
                .Let("notification", notification).Let("endpoint", "")
                .Then(Http.Post("subscriptions/").Json(Payload.Raw(Minimal)), Expect.Status(400), Expect.Problem("BadRequestData"))
                .Finally(Delete("sub"));
        }

        yield return new ConformanceCase(Clause, "028_09_06", "Accept showChanges with normalized")
            .NewId("sub", SubscriptionPrefix)
            .Let("notification", """, "format": "normalized", "showChanges": true""").Let("endpoint", "")
            .Then(Http.Post("subscriptions/").Json(Payload.Raw(Minimal)), Expect.Status(201))
            .Finally(Delete("sub"));

        foreach (var (id, title, status, endpoint) in new[]
        {
            ("028_10_01", "Accept string receiverInfo and notifierInfo pairs", 201,
                """, "receiverInfo": [{"key": "Authorization", "value": "Bearer abc"}], "notifierInfo": [{"key": "Prefer", "value": "body=json"}]"""),
            ("028_10_02", "Reject a numeric receiverInfo value", 400, """, "receiverInfo": [{"key": "K", "value": 42}]"""),
            ("028_10_03", "Reject an object notifierInfo value", 400, """, "notifierInfo": [{"key": "K", "value": {"a": 1}}]"""),
            ("028_10_04", "Reject a receiverInfo pair without value", 400, """, "receiverInfo": [{"key": "K"}]"""),
            ("028_10_05", "Reject a numeric receiverInfo key", 400, """, "receiverInfo": [{"key": 5, "value": "v"}]"""),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("sub", SubscriptionPrefix)
                .Let("notification", "").Let("endpoint", endpoint)
                .Then(Http.Post("subscriptions/").Json(Payload.Raw(Minimal)), Expect.Status(status))
                .Finally(Delete("sub"));
        }

        foreach (var c in Lifecycle())
        {
            yield return c;
        }
    }

    // 5811: the fork's checks of 5.8.1.4 and Table 5.2.12, with bodies in the suite context posted as application/ld+json.
    private static IEnumerable<ConformanceCase> Lifecycle()
    {
        static Payload Body(string members) => Payload.Raw(
            """{"id": "{sub}", "type": "Subscription", "entities": [{"type": "Building"}]""" + (members.Length == 0 ? "" : ", " + members) +
            """, "notification": {"endpoint": {"uri": "http://localhost:1111/notify"}}, "@context": ["https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/resources/jsonld-contexts/ngsi-ld-test-suite-compound.jsonld"]}""");

        yield return new ConformanceCase(Clause, "5811_01_01", "Reject an expiresAt in the past")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create(Body("\"expiresAt\": \"2000-01-01T00:00:00Z\"")), Expect.Status(400), Expect.Problem("BadRequestData"))
            .Finally(Delete("sub"));

        yield return new ConformanceCase(Clause, "5811_01_02", "isActive false creates a paused subscription")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create(Body("\"isActive\": false")), Expect.Status(201))
            .Then(Retrieve("sub", MediaTypes.LdJson, suiteLink: true), Expect.Status(200), Status("paused"))
            .Finally(Delete("sub"));

        yield return new ConformanceCase(Clause, "5811_01_03", "A subscription without id gets a generated URI")
            .Then(Create(Body("").Remove("$.id")).Capture("sub", "header:Location|lastSegment"),
                Expect.Status(201), new ResponseCheck("Location holds a URN", (response, _) =>
                    response.Headers.TryGetValue("Location", out var location) && location.Contains("urn:", StringComparison.Ordinal) ? null : "no urn: in Location"))
            .Then(Retrieve("sub", MediaTypes.LdJson, suiteLink: true), Expect.Status(200))
            .Finally(Delete("sub"));

        yield return new ConformanceCase(Clause, "5811_02_01", "Reject an unknown notification trigger")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create(Body("\"notificationTrigger\": [\"entityChanged\"]")), Expect.Status(400), Expect.Problem("BadRequestData"))
            .Finally(Delete("sub"));

        yield return new ConformanceCase(Clause, "5811_02_02", "Accept all six notification triggers")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create(Body("\"notificationTrigger\": [\"entityCreated\", \"entityUpdated\", \"entityDeleted\", \"attributeCreated\", \"attributeUpdated\", \"attributeDeleted\"]")),
                Expect.Status(201))
            .Finally(Delete("sub"));

        yield return new ConformanceCase(Clause, "5811_02_03", "Reject a csf that does not parse")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create(Body("\"csf\": \"((\"")), Expect.Status(400), Expect.Problem("BadRequestData"))
            .Finally(Delete("sub"));

        yield return new ConformanceCase(Clause, "5811_02_04", "A retrieved subscription carries only the members of 5.2.12")
            .NewId("sub", SubscriptionPrefix)
            .Then(Create(Body("\"__context\": \"http://localhost:1111/hijacked.jsonld\", \"status\": \"expired\"").Set("$.notification.timesSent", "42")),
                Expect.Status(201))
            .Then(Retrieve("sub", MediaTypes.LdJson, suiteLink: true),
                Expect.Status(200), Consumption.TemporalEntity.TemporalKit.TextLacks("__context", "hijacked.jsonld"), Status("active"),
                new Check.Custom("notification.timesSent is not the 42 the client sent", (body, _) =>
                    body?["notification"]?["timesSent"] is JsonValue sent && sent.ToJsonString() == "42" ? "timesSent is 42" : null))
            .Finally(Delete("sub"));
    }
}
