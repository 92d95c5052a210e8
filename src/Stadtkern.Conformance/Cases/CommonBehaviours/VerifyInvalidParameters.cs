namespace Stadtkern.Conformance.Cases.CommonBehaviours;

/// <summary>TP/NGSI-LD/CommonBehaviours/CommonResponses/VerifyInvalidParameters (059): an unknown query parameter gives 400 InvalidRequest.</summary>
/// <remarks>
/// All eight suite cases are here. Every request carries <c>?invalidParams=invalidValue</c> and
/// <c>Content-Type: application/ld+json</c>, as the suite's keyword sends. Two slips of the suite's keyword are not
/// copied: it joins the extra parameter with a space (<c>&amp; type=Building</c>), and it posts the file's text as a
/// JSON string; here the parameter is <c>&amp;type=Building</c> and the body the file's JSON, with a fresh id.
/// </remarks>
public static class VerifyInvalidParameters
{
    private const string Clause = "CommonBehaviours/CommonResponses/VerifyInvalidParameters";
    private const string Invalid = "?invalidParams=invalidValue";

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var (id, title, method, endpoint, file, prefix, extra) in new[]
        {
            ("059_01_01", "CreateEntity", HttpMethod.Post, "entities", "entities/building-minimal.json", CommonKit.BuildingPrefix, ""),
            ("059_01_02", "QueryEntities", HttpMethod.Get, "entities", "", "", "&type=Building"),
            ("059_01_03", "CreateTemporalEntity", HttpMethod.Post, "temporal/entities", "entities/building-minimal.json", CommonKit.BuildingPrefix, ""),
            ("059_01_04", "QueryTemporalEntities", HttpMethod.Get, "temporal/entities", "", "", "&type=Building"),
            ("059_01_05", "RetrieveEntityTypes", HttpMethod.Get, "types", "", "", ""),
            ("059_01_06", "CreateSubscription", HttpMethod.Post, "subscriptions", "subscriptions/subscription.jsonld", CommonKit.SubscriptionPrefix, ""),
            ("059_01_07", "QuerySubscriptions", HttpMethod.Get, "subscriptions", "", "", ""),
            ("059_01_08", "PurgeEntities", HttpMethod.Delete, "entities", "", "", ""),
        })
        {
            var request = new Request(method, endpoint + Invalid + extra).WithContentType(MediaTypes.LdJson);
            var @case = new ConformanceCase(Clause, id, $"{title} with an invalid parameter gives 400 InvalidRequest");
            if (file.Length > 0)
            {
                // Should the broker wrongly accept the request, the cleanup removes what it made.
                @case = @case.NewId("id", prefix).Finally(Http.Delete($"{endpoint}/{{id}}"));
                request = request with { Body = Payload.Entity(file, "id") };
            }

            yield return @case.Then(request, Expect.Status(400), Expect.Problem("InvalidRequest"));
        }
    }
}
