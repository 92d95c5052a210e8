using static Stadtkern.Conformance.Cases.JsonldContext.ContextChecks;
using static Stadtkern.Conformance.Cases.JsonldContext.ContextKit;

namespace Stadtkern.Conformance.Cases.JsonldContext;

/// <summary>TP/NGSI-LD/jsonldContext/Consumption/ListContexts (052): listing @contexts with and without <c>details</c> and <c>kind</c>.</summary>
/// <remarks>
/// All thirty-two suite cases are here (052_05_03/04 are commented out in the suite). Differences from the suite:
/// reason phrases are not checked; a context is found in a listing by its local id (<c>…/{id}</c>) rather than by
/// its Location header, which is the same test when Location is a path and also works when it is a full URL;
/// 052_06_01 and 052_06_05 (no kind) check that the subscription's contexts are listed — the suite means to but a
/// typo (<c>'{$kind}'</c>) makes it check nothing.
/// </remarks>
public static class ListContexts
{
    private const string Clause = "jsonldContext/Consumption/ListContexts";

    public static IEnumerable<ConformanceCase> All() =>
        [.. Unfiltered(), .. WithOne(), .. WithThree(), .. BadParameters(), .. Detailed(), .. WithImplicit(), Cached()];

    // 052_01: with nothing made by the case, a listing is a list (the suite's check is empty).
    private static IEnumerable<ConformanceCase> Unfiltered() =>
        from row in new[]
        {
            ("052_01_01", "", ""), ("052_01_02", "", "Hosted"), ("052_01_03", "", "Cached"), ("052_01_04", "", "ImplicitlyCreated"),
            ("052_01_05", "false", ""), ("052_01_06", "false", "Hosted"), ("052_01_07", "false", "Cached"), ("052_01_08", "false", "ImplicitlyCreated"),
        }
        select new ConformanceCase(Clause, row.Item1, $"List @contexts ({Describe(row.Item2, row.Item3)})")
            .Then(List(row.Item2, row.Item3), Expect.Status(200), IsList);

    private static IEnumerable<ConformanceCase> WithOne() =>
        from row in new[] { ("052_02_01", "", ""), ("052_02_02", "", "Hosted"), ("052_02_03", "false", ""), ("052_02_04", "false", "Hosted") }
        select new ConformanceCase(Clause, row.Item1, $"List @contexts after adding one ({Describe(row.Item2, row.Item3)})")
            .Then(Add("@context-minimal-valid.json", "ctx"), Created)
            .Then(List(row.Item2, row.Item3), Expect.Status(200), Lists(["/{ctx}"], detailed: false))
            .Finally(Delete("{ctx}"));

    private static IEnumerable<ConformanceCase> WithThree() =>
        from row in new[] { ("052_03_01", "", ""), ("052_03_02", "", "Hosted"), ("052_03_03", "false", ""), ("052_03_04", "false", "Hosted") }
        select AddThree(new ConformanceCase(Clause, row.Item1, $"List @contexts after adding three ({Describe(row.Item2, row.Item3)})"))
            .Then(List(row.Item2, row.Item3), Expect.Status(200), Lists(["/{ctx1}", "/{ctx2}", "/{ctx3}"], detailed: false));

    private static IEnumerable<ConformanceCase> BadParameters() =>
        from row in new[]
        {
            ("052_04_01", "", "other"), ("052_04_02", "other", ""), ("052_04_03", "other", "other"),
            ("052_04_04", "true", "other"), ("052_04_05", "other", "Hosted"),
        }
        select new ConformanceCase(Clause, row.Item1, $"Listing with a wrong details or kind is refused ({Describe(row.Item2, row.Item3)})")
            .Then(List(row.Item2, row.Item3), Error(400, "BadRequestData"));

    private static IEnumerable<ConformanceCase> Detailed() =>
        from row in new[] { ("052_05_01", ""), ("052_05_02", "Hosted") }
        select AddThree(new ConformanceCase(Clause, row.Item1, $"List @contexts with details after adding three ({Describe("true", row.Item2)})"))
            .Then(List("true", row.Item2), Expect.Status(200), Lists(["/{ctx1}", "/{ctx2}", "/{ctx3}"], detailed: true, row.Item2));

    private static IEnumerable<ConformanceCase> WithImplicit()
    {
        string[] remote = ["{testContext}", "{smartDataModels}"];
        foreach (var (id, details, kind) in new[]
        {
            ("052_06_01", "", ""), ("052_06_02", "", "Hosted"), ("052_06_03", "", "Cached"), ("052_06_04", "", "ImplicitlyCreated"),
            ("052_06_05", "false", ""), ("052_06_06", "false", "Hosted"), ("052_06_07", "false", "Cached"), ("052_06_08", "false", "ImplicitlyCreated"),
        })
        {
            var check = kind switch
            {
                "Hosted" => DoesNotListAll(remote),
                "ImplicitlyCreated" => Lists(["/{implicit}"], detailed: false),
                _ => Lists(remote, detailed: false),
            };
            yield return new ConformanceCase(Clause, id, $"List @contexts with an ImplicitlyCreated one ({Describe(details, kind)})")
                .WithImplicitContext()
                .Then(Serve("{implicit}"), Expect.Status(200))
                .Then(List(details, kind), Expect.Status(200), check);
        }
    }

    private static ConformanceCase Cached() =>
        new ConformanceCase(Clause, "052_07_01", "List Cached @contexts with details after an entity used a remote context")
            .NewId("entity", BuildingPrefix)
            .Then(Http.Post("entities").Json(Payload.Entity("entities/building-simple-attributes.json", "entity")).WithLink(SuiteContexts.Plain),
                Expect.Status(201))
            .Then(List("true", "Cached"), Expect.Status(200), Lists(["{plainContext}"], detailed: true, "Cached"))
            .Finally(Delete("{plainContext|url}"), Http.Delete("entities/{entity}"));

    private static ConformanceCase AddThree(ConformanceCase @case) => @case
        .Then(Add("@context-minimal-valid.json", "ctx1"), Created)
        .Then(Add("@context-minimal-second-valid.json", "ctx2"), Created)
        .Then(Add("@context-minimal-third-valid.json", "ctx3"), Created)
        .Finally(Delete("{ctx1}"), Delete("{ctx2}"), Delete("{ctx3}"));

    private static string Describe(string details, string kind) =>
        $"details {(details.Length == 0 ? "absent" : details)}, kind {(kind.Length == 0 ? "absent" : kind)}";
}
