using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.NotificationKit;
using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.SubscriptionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>5212_01: a paused subscription (isActive false) notifies nothing, and notifies again once resumed (Table 5.2.12-1).</summary>
/// <remarks>The suite's two cases share one subscription and entity; here each case makes its own.</remarks>
public static partial class SubscriptionNotificationBehaviour
{
    private static IEnumerable<ConformanceCase> Paused()
    {
        var paused = Payload.Raw(
            """{"id": "{sub}", "type": "Subscription", "entities": [{"type": "Building"}], "isActive": false, "notification": {"endpoint": {"uri": "{notificationEndpoint}"}}, "@context": ["https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/resources/jsonld-contexts/ngsi-ld-test-suite-compound.jsonld"]}""");
        ConformanceCase PausedCase(string id, string title) =>
            new ConformanceCase(Clause, id, title)
                .NewId("sub", SubscriptionPrefix).NewId("entity", Provision.EntityProvisionKit.BuildingPrefix)
                .Then(Create(paused), Expect.Status(201))
                .Then(EntityCreation(SimpleBuilding), Expect.Status(201))
                .Finally([Delete("sub"), .. Provision.EntityProvisionKit.Teardown("entity")]);

        yield return PausedCase("5212_01_01", "A paused subscription delivers no notification")
            .Then(Notified.Quiet(), Notified.Count(0));

        yield return PausedCase("5212_01_02", "Resuming the subscription restores delivery")
            .Then(Update("{sub}", Payload.Raw("""{"isActive": true}""")), Expect.Status(204))
            .Then(UpdateAttributes(AirQuality), Expect.Status(204))
            .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity()]);
    }
}
