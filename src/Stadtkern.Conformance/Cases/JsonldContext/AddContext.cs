using static Stadtkern.Conformance.Cases.JsonldContext.ContextKit;

namespace Stadtkern.Conformance.Cases.JsonldContext;

/// <summary>TP/NGSI-LD/jsonldContext/Provision/AddContext (050): adding Hosted @contexts, and ImplicitlyCreated ones through subscriptions.</summary>
/// <remarks>
/// All six suite cases are here. Differences from the suite, all on its setup and teardown: the suite checks the
/// HTTP reason phrase (not checked: HTTP/2 has none); its teardowns delete every listed @context, ours only what the
/// case made; 050_04 sends the hosted context as <c>${url}${Location}</c>, which doubles <c>/ngsi-ld/v1</c> when
/// Location is a path, so we use the <c>URL</c> the broker reports in the details; the third-party contexts of the
/// data are served by stand-ins (<see cref="StandInContexts"/>).
/// </remarks>
public static class AddContext
{
    private const string Clause = "jsonldContext/Provision/AddContext";

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var (id, title, file) in new[]
        {
            ("050_01_01", "Add a valid Hosted @context given as key-values", "@context-minimal-valid.json"),
            ("050_01_02", "Add a valid Hosted @context given as a list of URIs", "@context-cached-valid.json"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(Add(file, "ctx"), Created)
                .Then(Serve("{ctx}", "true"), Expect.Status(200), Kind("Hosted"))
                .Finally(Delete("{ctx}"));
        }

        foreach (var (id, title, file) in new[]
        {
            ("050_02_01", "Adding a @context without an @context member is refused", "@context-incorrect.json"),
            ("050_02_02", "Adding a @context that is not valid JSON is refused", "@context-wrong-json.json"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(Add(file), Error(400, "InvalidRequest"));
        }

        yield return new ConformanceCase(Clause, "050_03_01", "Creating a subscription with a list of contexts makes an ImplicitlyCreated @context")
            .WithImplicitContext()
            .Then(List("true", "ImplicitlyCreated"), Expect.Status(200), Expect.Value("$[0].kind", "\"ImplicitlyCreated\""));

        yield return new ConformanceCase(Clause, "050_04_01", "The URIs of a Hosted @context become Cached @contexts once it is used")
            .NewId("entity", BuildingPrefix)
            .Let("smartDataModels", StandInContexts.SmartDataModels)
            .Let("fiwareDataModels", StandInContexts.FiwareDataModels)
            .Then(Add("@context-cached-valid.json", "ctx"), Created)
            .Then(Serve("{ctx}", "true").Capture("hosted", "json:$.URL"), Expect.Status(200), Kind("Hosted"))
            // The suite does not check this creation: what matters is that using the context caches its parts.
            .Then(Http.Post("entities").Json(Payload.Entity("entities/building-simple-attributes.json", "entity")).WithLink("{hosted}"))
            .Then(Http.Delete("entities/{entity}"))
            .Then(Serve("{smartDataModels|url}", "true"), Expect.Status(200), Kind("Cached"))
            .Then(Serve("{fiwareDataModels|url}", "true"), Expect.Status(200), Kind("Cached"))
            .Finally(
                Http.Delete("entities/{entity}"),
                Delete("{ctx}"),
                Delete("{smartDataModels|url}"),
                Delete("{fiwareDataModels|url}"));
    }
}
