using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.NotificationKit;
using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.SubscriptionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>Subscription notification behaviour (clauses 5.8.6, 5.3, 5.2.12, 5.2.14): what is notified, when, and how.</summary>
/// <remarks>
/// The case's mailbox plays the suite's notification server. The suite's one-second sleeps between set-up steps are
/// left out: a subscription is in force once its creation has been answered.
/// </remarks>
public static partial class SubscriptionNotificationBehaviour
{
    public static IEnumerable<ConformanceCase> All() =>
        [.. Basics(), .. Content(), .. Deletions(), .. Changes(), .. Linked(), .. Paused()];

    private static IEnumerable<ConformanceCase> Basics()
    {
        yield return Watching("046_01_01", "A notification is sent while the subscription is active", "subscription-building-entities-active.jsonld")
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(), Notified.Value(0, "$.data[0].airQualityLevel.value", "5")]);

        // Periodic: the second notification of the interval carries the entity as it is, unchanged.
        yield return Watching("046_02_01", "A notification is sent on the timeInterval", "subscription-timeInterval.jsonld")
            .Then(Notified.Await(1, withinSeconds: 15), Notified.AtLeast(1))
            .Then(Notified.Await(2, withinSeconds: 15), Notified.AtLeast(2),
                Notified.Value(1, "$.subscriptionId", "\"{sub}\""), Notified.Value(1, "$.data[0].id", "\"{entity}\""),
                Notified.Value(1, "$.data[0].airQualityLevel.value", "4"), Notified.Value(1, "$.data[0].name.value", "\"Eiffel Tower\""));

        foreach (var (id, title, file, select) in new[]
        {
            ("046_03_01", "Without q or geoQ every subscribed entity is notified", "subscription-building-entities-default.jsonld", true),
            ("046_04_01", "The changed entity is notified when a watched attribute changes", "subscription-building-entities-active-watchedAttributes.jsonld", false),
            ("046_05_01", "The changed entity is notified when it matches q", "subscription-building-entities-active-watchedAttributes-query.jsonld", true),
        })
        {
            yield return Watching(id, title, file, selectEntity: select)
                .Then(UpdateAttributes(AirQuality), Expect.Status(204))
                .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(),
                    Notified.Value(0, "$.data[0].airQualityLevel.value", "5"), Notified.Value(0, "$.data[0].name.value", "\"Eiffel Tower\"")]);
        }

        yield return Subscribed("046_06_01", "A created entity is notified with entityCreated", "subscription-building-entities-entityCreated.jsonld")
            .Then(EntityCreation("building-location-attribute.jsonld"), Expect.Status(201))
            .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity()]);

        yield return Subscribed("046_16_01", "An entity of the selected type is notified", "subscription-building-entities-type-selection.jsonld")
            .Then(EntityCreation(SimpleBuilding), Expect.Status(201))
            .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity()]);

        yield return Subscribed("046_16_02", "An entity of another type is not notified", "subscription-building-entities-type-selection.jsonld", EntityPrefixes.Vehicle)
            .Then(EntityCreation("vehicle-simple-attributes.jsonld"), Expect.Status(201))
            .Then(Notified.Quiet(), Notified.Count(0));

        yield return Watching("046_15_01", "No notification before the throttling period has passed", "subscription-valid-throttling.jsonld")
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), Notified.Count(1))
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Quiet(1), Notified.Count(1));
    }

    private static Request EntityCreation(string file) => Http.Post("entities").LdJson(Payload.Entity("entities/" + file, "entity"));

    /// <summary>The id prefixes of the suite's other entity types.</summary>
    private static class EntityPrefixes
    {
        public const string Vehicle = "urn:ngsi-ld:Vehicle:";
    }

    private static IEnumerable<ConformanceCase> Content()
    {
        foreach (var (id, title, file, check) in new (string, string, string, Check?)[]
        {
            ("046_07_01", "The notification has the structure of clause 5.3", "subscription-building-entities-active.jsonld", null),
            ("046_07_02", "Only the attributes of notification.attributes are included", "subscription-building-entities-active-notificationAttributes.jsonld",
                new Check.Custom("data[0] has airQualityLevel and no name", (body, _) =>
                    body?[0]?["body"]?["data"]?[0] is System.Text.Json.Nodes.JsonObject e && e.ContainsKey("airQualityLevel") && !e.ContainsKey("name") ? null : "it does not")),
            ("046_07_03", "Names are expanded without a context", "subscription-building-entities-active-default-context.jsonld",
                Notified.Has(0, "$.data[0]['https://ngsi-ld-test-suite/context#airQualityLevel']")),
        })
        {
            yield return Watching(id, title, file)
                .Then(UpdateAttributes(AirQuality), Expect.Status(204))
                .Then(Notified.Await(), [Notified.AtLeast(1), Notified.Value(0, "$.type", "\"Notification\""), Notified.Value(0, "$.subscriptionId", "\"{sub}\""),
                    Date("$.notifiedAt"), .. check is null ? Array.Empty<Check>() : [check]]);
        }

        yield return Watching("046_08_01", "Without notification.attributes every attribute is included", "subscription-building-entities-active.jsonld")
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(), Notified.Value(0, "$.data[0].name.value", "\"Eiffel Tower\""),
                Notified.Has(0, "$.data[0].almostFull"), Notified.Has(0, "$.data[0].airQualityLevel"), Notified.Has(0, "$.data[0].subCategory")]);

        yield return Watching("046_08_02", "keyValues gives the simplified representation", "subscription-building-entities-active.jsonld",
                adjust: p => p.Set("$.notification.format", "\"keyValues\""))
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(), Notified.Value(0, "$.data[0].name", "\"Eiffel Tower\"")]);

        yield return Watching("046_09_01", "receiverInfo is sent as headers", "subscription-building-entities-active-endpoint-info.jsonld")
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), Notified.AtLeast(1), Notified.Header(0, "X-Additional-Key"));

        yield return Watching("046_10_01", "As application/json the context is in a Link header", "subscription-building-entities-default.jsonld")
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), Notified.AtLeast(1),
                Notified.Header(0, "Link", "<{compoundContext}>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\""),
                Notified.Lacks(0, "$.data[0]['@context']"));

        yield return Watching("046_14_01", "As application/ld+json the context is in the entities", "subscription-building-entities-accept-jsonld.jsonld")
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), Notified.AtLeast(1), Notified.NoHeader(0, "Link"), Notified.Has(0, "$.data[0]['@context']"));

        // The delivery status is written once the receiver has answered, just after it recorded the notification:
        // the retrieval is repeated until it shows (for at most a few seconds).
        yield return Watching("046_11_01", "timesSent goes up by one", "subscription-building-entities-active.jsonld")
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), Notified.Count(1))
            .Then(Retrieve("sub", MediaTypes.LdJson, suiteLink: true).Until(TimeSpan.FromSeconds(5)), Expect.Status(200), Expect.Value("$.notification.timesSent", "1"));

        yield return Watching("046_12_01", "status, lastNotification and lastSuccess are kept", "subscription-building-entities-active.jsonld")
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), Notified.AtLeast(1))
            .Then(Retrieve("sub", MediaTypes.LdJson, suiteLink: true).Until(TimeSpan.FromSeconds(5)),
                Expect.Status(200), Expect.Value("$.notification.status", "\"ok\""), ValidDate("$.notification.lastNotification"), ValidDate("$.notification.lastSuccess"));

        // The endpoint of the file (localhost:1111) is not listening; the suite looks after 10 s, we as soon as it shows.
        yield return new ConformanceCase(Clause, "046_13_01", "lastFailure and status failed when a notification cannot be sent")
            .NewId("sub", SubscriptionPrefix).NewId("entity", Provision.EntityProvisionKit.BuildingPrefix)
            .Then(Create("subscription-building-entities-active.jsonld", "sub"), Expect.Status(201))
            .Then(Provision.EntityProvisionKit.CreateEntity(SimpleBuilding, "entity"), Expect.Status(201))
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Retrieve("sub", MediaTypes.LdJson, suiteLink: true).Until(TimeSpan.FromSeconds(10)),
                Expect.Status(200), Expect.Value("$.notification.status", "\"failed\""), ValidDate("$.notification.lastFailure"))
            .Finally([Delete("sub"), .. Provision.EntityProvisionKit.Teardown("entity")]);

        foreach (var (id, title, file, sysAttrs) in new[]
        {
            ("046_17_01", "sysAttrs true includes createdAt and modifiedAt", "subscription-with-true-sysAttrs-parameter.jsonld", true),
            ("046_18_01", "sysAttrs false leaves out createdAt and modifiedAt", "subscription-with-false-sysAttrs-parameter.jsonld", false),
        })
        {
            yield return Watching(id, title, file)
                .Then(UpdateAttributes(AirQuality), Expect.Status(204))
                .Then(Notified.Await(), Notified.AtLeast(1),
                    sysAttrs ? Notified.Has(0, "$.data[0].createdAt") : Notified.Lacks(0, "$.data[0].createdAt"),
                    sysAttrs ? Notified.Has(0, "$.data[0].modifiedAt") : Notified.Lacks(0, "$.data[0].modifiedAt"));
        }

        yield return Watching("046_19", "Only the instances of the subscription's datasetId are notified", "subscription-building-with-datasetId.jsonld", "building-multi-instances-attributes.jsonld")
            .Then(UpdateAttributes("building-name-fragment.jsonld"), Expect.Status(204))
            .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(), EntityAs("entity-with-datasetid-046-19.jsonld")]);

        yield return Watching("046_20", "The subscription's jsonldContext is used for notifications", "subscription-building-with-jsonldContext.jsonld", "building-minimal.jsonld")
            .Then(UpdateAttributes("building-name-fragment.jsonld"), Expect.Status(204))
            .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(), EntityAs("compacted-entity-with-jsonldContext-046-20.jsonld")]);
    }

    private static Check ValidDate(string path) => new Check.Custom($"{path} is a UTC date", (body, _) =>
        JsonPath.TryGet(body, path, out var node) && NgsiLdDate.IsValid(node?.ToString()) ? null : $"got {JsonComparer.Excerpt(node)}");
}
