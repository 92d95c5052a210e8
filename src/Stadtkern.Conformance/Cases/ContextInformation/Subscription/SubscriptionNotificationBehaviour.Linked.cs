using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.NotificationKit;
using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.SubscriptionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>046_23 to 046_30: linked entities in notifications (join flat and inline, 4.5.23); 49_01: a q on a linked entity.</summary>
/// <remarks>
/// The linking building's relationship names the city <c>urn:ngsi-ld:City:Paris</c>, so these cases use the suite's
/// fixed ids (the building's is <c>…:Building:046_23:EiffelTower</c> and so on).
/// </remarks>
public static partial class SubscriptionNotificationBehaviour
{
    private static IEnumerable<ConformanceCase> Linked()
    {
        foreach (var (number, join, city, title) in new[]
        {
            ("046_23", "flat", "city-minimal.jsonld", "The linked entity is notified beside the linking one (join flat)"),
            ("046_24", "flat-sysAttrs", "city-minimal.jsonld", "join flat with sysAttrs"),
            ("046_25", "flat-simplified", "city-simple-attributes.jsonld", "join flat in the simplified format"),
            ("046_26", "flat-attributes", "city-simple-attributes.jsonld", "join flat with selected attributes"),
            ("046_27", "inline", "city-minimal.jsonld", "The linked entity is notified inside the linking one (join inline)"),
            ("046_28", "inline-sysAttrs", "city-minimal.jsonld", "join inline with sysAttrs"),
            ("046_29", "inline-simplified", "city-simple-attributes.jsonld", "join inline in the simplified format"),
            ("046_30", "inline-attributes", "city-simple-attributes.jsonld", "join inline with selected attributes"),
        })
        {
            yield return new ConformanceCase(Clause, number + "_01", title)
                .Let("entity", $"urn:ngsi-ld:Building:{number}:EiffelTower").Let("city", "urn:ngsi-ld:City:Paris")
                .NewId("sub", SubscriptionPrefix)
                .Then(Provision.EntityProvisionKit.CreateEntity("building-relationship.jsonld", "entity"), Expect.Status(201))
                .Then(Provision.EntityProvisionKit.CreateEntity(city, "city"), Expect.Status(201))
                .Then(CreateReachable($"subscription-building-entities-join-{join}.jsonld", "sub"), Expect.Status(201))
                .Then(UpdateAttributes("name-fragment.jsonld"), Expect.Status(204))
                .Then(Notified.Await(), Notified.AtLeast(1), Notified.Value(0, "$.subscriptionId", "\"{sub}\""),
                    EntitiesAs($"entity-created-name-attribute-join-{join}.json"))
                .Finally([Delete("sub"), .. Provision.EntityProvisionKit.Teardown("entity", "city")]);
        }

        // The vehicle linked to the healthy device is created first, so a wrong match would be the first notification.
        static Request CreateJson(string body) => Http.Post("entities").Json(Payload.Raw(body));
        yield return new ConformanceCase(Clause, "49_01_01", "A q on a linked entity is resolved through the broker")
            .NewId("sub", SubscriptionPrefix)
            .NewId("low", "urn:ngsi-ld:Device:").NewId("full", "urn:ngsi-ld:Device:").NewId("ok", "urn:ngsi-ld:Vehicle:").NewId("weak", "urn:ngsi-ld:Vehicle:")
            .Then(CreateJson("""{"id": "{low}", "type": "Device", "batteryLevel": {"type": "Property", "value": 0.3}}"""), Expect.Status(201))
            .Then(CreateJson("""{"id": "{full}", "type": "Device", "batteryLevel": {"type": "Property", "value": 0.95}}"""), Expect.Status(201))
            .Then(Http.Post("subscriptions").Json(Payload.Raw(
                """{"id": "{sub}", "type": "Subscription", "entities": [{"type": "Vehicle"}], "q": "isConnectedTo{batteryLevel}<0.5", "notification": {"endpoint": {"uri": "{notificationEndpoint}"}}}""")),
                Expect.Status(201))
            .Then(CreateJson("""{"id": "{ok}", "type": "Vehicle", "isConnectedTo": {"type": "Relationship", "object": "{full}"}}"""), Expect.Status(201))
            .Then(CreateJson("""{"id": "{weak}", "type": "Vehicle", "isConnectedTo": {"type": "Relationship", "object": "{low}"}}"""), Expect.Status(201))
            .Then(Notified.Await(), Notified.AtLeast(1), Notified.Value(0, "$.subscriptionId", "\"{sub}\""), Notified.Value(0, "$.data[0].id", "\"{weak}\""))
            .Finally([Delete("sub"), .. Provision.EntityProvisionKit.Teardown("low", "full", "ok", "weak")]);
    }
}
