using static Stadtkern.Conformance.Cases.JsonldContext.ContextChecks;
using static Stadtkern.Conformance.Cases.JsonldContext.ContextKit;

namespace Stadtkern.Conformance.Cases.JsonldContext;

/// <summary>TP/NGSI-LD/jsonldContext/Consumption/ServeContext (053): serving Hosted, Cached and ImplicitlyCreated @contexts, with and without details.</summary>
/// <remarks>
/// All nine suite cases are here (053_03_02/03 are commented out in the suite). Differences from the suite:
/// reason phrases are not checked; entities get fresh ids (the suite reuses the data file's fixed id, and its
/// 053_04 teardown deletes a Building id it never made); 053_04 gives the entity the hosted context's reported
/// <c>URL</c> rather than the Location value. <c>numberOfHits</c> is optional and checked only when present,
/// with the suite's numbers, which do not follow one rule: 053_04 expects 0 then 1 around one entity creation,
/// 053_06 expects 1 then 3 around a second one, 053_08 expects 2 after one creation and two reads.
/// </remarks>
public static class ServeContext
{
    private const string Clause = "jsonldContext/Consumption/ServeContext";

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var (id, title, details) in new[]
        {
            ("053_01_01", "Serve a Hosted @context without details", ""),
            ("053_01_02", "Serve a Hosted @context with details=false", "false"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(Add("@context-minimal-valid.json", "ctx"), Created)
                .Then(Serve("{ctx}", details),
                    Expect.Status(200), Expect.ContentType(MediaTypes.Json), Expect.Body(File("@context-minimal-valid.json")))
                .Finally(Delete("{ctx}"));
        }

        yield return new ConformanceCase(Clause, "053_02_01", "Serve a Hosted @context with details=true")
            .Then(Add("@context-minimal-valid.json", "ctx"), Created)
            .Then(Serve("{ctx}", "true"), Expect.Status(200), Expect.ContentType(MediaTypes.Json), Details("Hosted"))
            .Finally(Delete("{ctx}"));

        yield return new ConformanceCase(Clause, "053_03_01", "Serving an unknown @context gives 404")
            .Then(Add("@context-minimal-valid.json", "ctx"), Created)
            .Then(Serve("wrong_id_context", "true"), Error(404, "ResourceNotFound"))
            .Finally(Delete("{ctx}"));

        yield return new ConformanceCase(Clause, "053_04_01", "numberOfHits of a Hosted @context grows when it is used")
            .Then(Add("@context-minimal-valid.json", "ctx"), Created)
            .Then(Serve("{ctx}", "true").Capture("hosted", "json:$.URL"), Expect.Status(200), NumberOfHits(0))
            .CreateEntityUsing("{hosted}", "entity")
            .Then(Serve("{ctx}", "true"), Expect.Status(200), NumberOfHits(1))
            .Finally(Http.Delete("entities/{entity}"), Delete("{ctx}"));

        yield return new ConformanceCase(Clause, "053_05_01", "A Cached @context is still served after its reload failed")
            .WithCachedRemoteContext()
            .Then(Serve("{remote|url}", "true"), Expect.Status(200), Kind("Cached"))
            .StopServing("remote")
            .Then(Delete("{remote|url}", "true"), Expect.Status(503))
            .Then(Serve("{remote|url}", "true"), Expect.Status(200), Expect.ContentType(MediaTypes.Json), Details("Cached"));

        yield return new ConformanceCase(Clause, "053_06_01", "numberOfHits of a Cached @context grows when it is used")
            .WithCachedRemoteContext("first")
            .Then(Serve("{remote|url}", "true"), Expect.Status(200), NumberOfHits(1))
            .CreateEntityUsing("{remote}", "second")
            .Then(Serve("{remote|url}", "true"), Expect.Status(200), NumberOfHits(3))
            .Finally(Http.Delete("entities/{second}"));

        yield return new ConformanceCase(Clause, "053_07_01", "Serve an ImplicitlyCreated @context with details=true")
            .WithImplicitContext()
            .Then(Serve("{implicit}", "true"), Expect.Status(200), Expect.ContentType(MediaTypes.Json), Details("ImplicitlyCreated"));

        yield return new ConformanceCase(Clause, "053_08_01", "numberOfHits of an ImplicitlyCreated @context grows when it is used")
            .WithImplicitContext()
            .Then(List("true", "ImplicitlyCreated"), Expect.Status(200))
            .CreateEntityUsing("{implicitUrl}", "entity")
            .Then(Serve("{implicit}", "true"), Expect.Status(200))
            .Then(Serve("{implicit}", "true"), Expect.Status(200), NumberOfHits(2))
            .Finally(Http.Delete("entities/{entity}"));
    }
}
