using static Stadtkern.Conformance.Cases.JsonldContext.ContextKit;

namespace Stadtkern.Conformance.Cases.JsonldContext;

/// <summary>TP/NGSI-LD/jsonldContext/Provision/DeleteContext (051): deleting Hosted, Cached, ImplicitlyCreated and core @contexts, with and without <c>reload</c>.</summary>
/// <remarks>
/// All fourteen suite cases are here. Differences from the suite: reason phrases are not checked; teardowns delete
/// only what the case made; 051_03 uses the hosted context's reported <c>URL</c> (see <see cref="AddContext"/>);
/// 051_05 serves its context at a full URL — the suite's file has the full URL commented out and so uses the bare
/// path <c>/api/v1/context.jsonld</c> as the entity's @context, which 053_05, the same scenario, does not;
/// 051_06 and 051_07 read the implicit context's id from the subscription (051_07 in the suite takes the first
/// ImplicitlyCreated context of the listing, which may belong to another subscription). The core context is
/// <c>{coreContext}</c> (v1.8 by default; the suite's setting says v1.6, which its own data does not use).
/// </remarks>
public static class DeleteContext
{
    private const string Clause = "jsonldContext/Provision/DeleteContext";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase(Clause, "051_01_01", "Delete a Hosted @context without reload")
            .Then(Add("@context-minimal-valid.json", "ctx"), Created)
            .Then(Delete("{ctx}"), Expect.Status(204), Expect.NoBody())
            .Finally(Delete("{ctx}"));

        yield return new ConformanceCase(Clause, "051_02_01", "Deleting an unknown @context gives 404")
            .NewId("unknown", "")
            .Then(Delete("{unknown}"), Error(404, "ResourceNotFound"));

        yield return new ConformanceCase(Clause, "051_03_01", "Delete a Cached @context without reload")
            .NewId("entity", BuildingPrefix)
            .Let("smartDataModels", StandInContexts.SmartDataModels)
            .Then(Add("@context-cached-one-valid.json", "ctx"), Created)
            .Then(Serve("{ctx}", "true").Capture("hosted", "json:$.URL"), Expect.Status(200))
            .Then(Http.Post("entities").Json(Payload.Entity("entities/building-simple-attributes.json", "entity")).WithLink("{hosted}"))
            .Then(Http.Delete("entities/{entity}"))
            .Then(Serve("{smartDataModels|url}", "true"), Expect.Status(200), Kind("Cached"))
            .Then(Delete("{smartDataModels|url}"), Expect.Status(204), Expect.NoBody())
            .Finally(Http.Delete("entities/{entity}"), Delete("{ctx}"), Delete("{smartDataModels|url}"));

        foreach (var (id, title, target, reload, status, error) in new[]
        {
            ("051_04_01", "Delete with a wrong id and reload=true", "wrong_id_context", "true", 400, "BadRequestData"),
            ("051_04_02", "Delete with a wrong id and reload=false", "wrong_id_context", "false", 404, "ResourceNotFound"),
            ("051_04_03", "Delete with a wrong id and no reload", "wrong_id_context", "", 404, "ResourceNotFound"),
            ("051_04_04", "Delete with a wrong id and a wrong reload value", "wrong_id_context", "xxx", 400, "BadRequestData"),
            ("051_04_05", "Delete a Hosted @context with reload=true", "{ctx}", "true", 400, "BadRequestData"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(Add("@context-minimal-valid.json", "ctx"), Created)
                .Then(Delete(target, reload), Error(status, error))
                .Finally(Delete("{ctx}"));
        }

        yield return new ConformanceCase(Clause, "051_05_01", "Reloading a Cached @context whose server is gone gives 503")
            .WithCachedRemoteContext()
            .Then(Serve("{remote|url}", "true"), Expect.Status(200), Kind("Cached"))
            .StopServing("remote")
            .Then(Delete("{remote|url}", "true"), Error(503, "LdContextNotAvailable"));

        yield return new ConformanceCase(Clause, "051_06_01", "Delete an ImplicitlyCreated @context without reload")
            .WithImplicitContext()
            .Then(Delete("{implicit}"), Expect.Status(204), Expect.NoBody());

        yield return new ConformanceCase(Clause, "051_07_01", "Deleting an ImplicitlyCreated @context with reload=true is refused")
            .WithImplicitContext()
            .Then(Delete("{implicit}", "true"), Error(400, "BadRequestData"));

        foreach (var (id, title, reload) in new[]
        {
            ("051_08_01", "Deleting the core @context without reload is refused", ""),
            ("051_08_02", "Deleting the core @context with reload=false is refused", "false"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(Delete("{coreContext|url}", reload), Error(400, "BadRequestData"));
        }

        yield return new ConformanceCase(Clause, "051_09_01", "Deleting the core @context with reload=true reloads it")
            .Then(Serve("{coreContext|url}", "true"), Expect.Status(200))
            .Then(Delete("{coreContext|url}", "true"), Expect.Status(204))
            .Then(Serve("{coreContext|url}", "true"), Expect.Status(200));
    }
}
