using static Stadtkern.Conformance.Cases.CommonBehaviours.CommonKit;

namespace Stadtkern.Conformance.Cases.CommonBehaviours;

/// <summary>TP/NGSI-LD/CommonBehaviours/CommonResponses/VerifyNotAcceptableMediaType (049): an Accept the operation cannot produce gives 406.</summary>
/// <remarks>
/// Left out, as context source registrations and their subscriptions are out of scope: 049_01_03
/// (GET /csourceRegistrations/), 049_01_04 (GET /csourceSubscriptions/), 049_02_03 (GET /csourceRegistrations with
/// geo+json). The entity and subscription of 049_01_01/02 and 049_02_01 are never made, as in the suite: the
/// media type is refused before the resource is looked up.
/// </remarks>
public static class VerifyNotAcceptableMediaType
{
    private const string Clause = "CommonBehaviours/CommonResponses/VerifyNotAcceptableMediaType";
    private const string Xml = "application/xml";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "049_01_01", "GET /entities/{entityId} with Accept application/xml gives 406")
            .NewId("id", BuildingPrefix)
            .Then(Http.Get("entities/{id}").Accept(Xml), Expect.Status(406))
            .Finally(DeleteEntity("id"));

        foreach (var (id, title, accept) in new[]
        {
            ("049_01_02", "GET /subscriptions/{subscriptionId} with Accept application/xml gives 406", Xml),
            ("049_02_01", "GET /subscriptions/{subscriptionId} with Accept application/geo+json gives 406", MediaTypes.GeoJson),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("sub", SubscriptionPrefix)
                .Then(RetrieveSubscription("sub").Accept(accept), Expect.Status(406))
                .Finally(Http.Delete("subscriptions/{sub}"));
        }

        foreach (var (id, title, accept) in new[]
        {
            ("049_01_05", "GET /temporal/entities with Accept application/xml gives 406", Xml),
            ("049_02_02", "GET /temporal/entities with Accept application/geo+json gives 406", MediaTypes.GeoJson),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(Http.Get(TemporalQuery).Accept(accept), Expect.Status(406));
        }
    }
}
