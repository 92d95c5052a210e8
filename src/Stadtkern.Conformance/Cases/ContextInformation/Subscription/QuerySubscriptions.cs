using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.SubscriptionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>Query Subscriptions (clause 5.8.4, pagination 5.5.9): <c>GET /subscriptions</c>.</summary>
/// <remarks>The suite expects exactly its three subscriptions in the broker: these cases assume no other case's subscription is left over.</remarks>
public static class QuerySubscriptions
{
    private const string Clause = "ContextInformation/Subscription/QuerySubscriptions";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return WithThree("031_01_01", "Query subscriptions")
            .Then(Http.Get("subscriptions/").WithSuiteContext(), Expect.Status(200),
                Expect.Body(Payload.FromFile("subscriptions/expectations/subscriptions-031-01.json")
                    .Set("$[0].id", "\"{first}\"").Set("$[1].id", "\"{second}\"").Set("$[2].id", "\"{third}\""),
                    "$[*].@context", "jsonldContext", "timesFailed", "timesSent", "notificationTrigger"));

        foreach (var (id, title, limit, offset, count, prev, next) in new[]
        {
            ("031_02_01", "Query the second subscription", 1, 1, 1, "0", "2"),
            ("031_02_02", "Query the last subscription", 1, 2, 1, "1", null),
            ("031_02_03", "Query all subscriptions", 15, 0, 3, null, null),
        })
        {
            yield return WithThree(id, title)
                .Then(Http.Get($"subscriptions/?limit={limit}&offset={offset}").Accept(MediaTypes.LdJson).WithSuiteContext(),
                    Expect.Status(200), Expect.Count(count), Expect.Value("$[0].type", "\"Subscription\""),
                    PageLinks(prev is null ? null : $"</ngsi-ld/v1/subscriptions?limit={limit}&offset={prev}>;rel=\"prev\";type=\"application/ld+json\"",
                        next is null ? null : $"</ngsi-ld/v1/subscriptions?limit={limit}&offset={next}>;rel=\"next\";type=\"application/ld+json\""));
        }
    }

    private static ConformanceCase WithThree(string id, string title) =>
        new ConformanceCase(Clause, id, title)
            .NewId("first", SubscriptionPrefix).NewId("second", SubscriptionPrefix).NewId("third", SubscriptionPrefix)
            .Then(Create("subscription.jsonld", "first"), Expect.Status(201))
            .Then(Create("subscription-watchedAttributes.jsonld", "second"), Expect.Status(201))
            .Then(Create("subscription-inactive.jsonld", "third"), Expect.Status(201))
            .Finally(Delete("first"), Delete("second"), Delete("third"));

    // "Check Pagination Prev And Next Headers": the prev/next links of Link (spaces dropped, the context link left out) are exactly these.
    private static Check PageLinks(string? prev, string? next) => new ResponseCheck($"page links prev={prev ?? "none"} next={next ?? "none"}", (response, _) =>
    {
        if (prev is null && next is null)
        {
            return null;
        }

        var actual = (response.Headers.TryGetValue("Link", out var link) ? link : "").Replace(" ", "", StringComparison.Ordinal)
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("json-ld#context", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        var expected = new[] { prev, next }.OfType<string>().Order(StringComparer.Ordinal);
        return actual.SequenceEqual(expected) ? null : $"Link has [{string.Join(", ", actual)}]";
    });
}
