namespace Stadtkern.Conformance.Cases.JsonldContext;

/// <summary>
/// Requests shared by the @context management cases, shaped like the suite's <c>jsonldContext.resource</c> keywords:
/// "Add a new @context" posts a file of <c>data/jsonldContext/</c> as it is with <c>Content-Type: application/json</c>;
/// "Serve", "Delete" and "List" put the context id (a local id, or a percent-encoded URL) in the path and
/// <c>details</c>, <c>reload</c> and <c>kind</c> in the query only when given.
/// </summary>
internal static class ContextKit
{
    public const string Endpoint = "jsonldContexts";
    public const string TestingPrefix = "urn:ngsi-ld:Testing:";
    public const string BuildingPrefix = "urn:ngsi-ld:Building:";
    public const string SubscriptionPrefix = "urn:ngsi-ld:Subscription:";

    /// <summary>A file below <c>data/jsonldContext/</c>.</summary>
    public static Payload File(string name) => Payload.FromFile("jsonldContext/" + name);

    /// <summary>"Add a new @context" with a file, capturing the new context's local id (the last segment of Location).</summary>
    public static Request Add(string file, string? idVariable = null)
    {
        var request = Http.Post(Endpoint).Json(File(file));
        return idVariable is null ? request : request.Capture(idVariable, "header:Location|lastSegment");
    }

    /// <summary>"Serve a @context": <c>GET jsonldContexts/{id}</c>, with <c>details</c> when given.</summary>
    /// <param name="id">A path segment template: <c>{ctx}</c> for a local id, <c>{url|url}</c> for a URL.</param>
    public static Request Serve(string id, string details = "") => Http.Get(WithQuery($"{Endpoint}/{id}", ("details", details)));

    /// <summary>"Delete a @context": <c>DELETE jsonldContexts/{id}</c>, with <c>reload</c> when given.</summary>
    public static Request Delete(string id, string reload = "") => Http.Delete(WithQuery($"{Endpoint}/{id}", ("reload", reload)));

    /// <summary>"List @contexts": <c>GET jsonldContexts</c>, with <c>details</c> and <c>kind</c> when given.</summary>
    public static Request List(string details = "", string kind = "") => Http.Get(WithQuery(Endpoint, ("details", details), ("kind", kind)));

    /// <summary>The suite's check after an add: 201 with a Location header and no body.</summary>
    public static Check[] Created => [Expect.Status(201), Expect.Header("Location"), Expect.NoBody()];

    /// <summary>The status and a full problem document (type, title and detail) of this type.</summary>
    public static Check[] Error(int status, string errorType) => [Expect.Status(status), Expect.ProblemDetails(errorType)];

    /// <summary>"Check Response Kind set to": the served details have this <c>kind</c>.</summary>
    public static Check Kind(string kind) => Expect.Value("$.kind", $"\"{kind}\"");

    /// <summary>
    /// The setup of the ImplicitlyCreated cases: a subscription whose <c>@context</c> is two remote URLs (which the broker
    /// must merge into an ImplicitlyCreated context); then <c>{implicitUrl}</c> and its local id <c>{implicit}</c> are
    /// read from the subscription's <c>jsonldContext</c>, and <c>{testContext}</c> and <c>{smartDataModels}</c> name the
    /// two remote contexts (stand-ins served locally).
    /// </summary>
    public static ConformanceCase WithImplicitContext(this ConformanceCase @case) => @case
        .NewId("sub", SubscriptionPrefix)
        .Let("testContext", StandInContexts.FiwareTestContext)
        .Let("smartDataModels", StandInContexts.SmartDataModels)
        .Then(Http.Post("subscriptions").LdJson(File("subscription-with-implicitlycreated-contexts.jsonld").SetId("sub")),
            Expect.Status(201))
        .Then(Http.Get("subscriptions/{sub}")
                .Capture("implicitUrl", "json:$.jsonldContext")
                .Capture("implicit", "json:$.jsonldContext|lastSegment"),
            Expect.Status(200))
        .Finally(
            Http.Delete("subscriptions/{sub}"),
            Delete("{testContext|url}"),
            Delete("{smartDataModels|url}"),
            Delete("{implicit}"));

    /// <summary>
    /// The setup of the cases with "a local @context server": <c>{remote}</c> is the URL of a context the case serves
    /// (the suite's <c>@context-minimal-valid.json</c>), and an entity using it as its <c>@context</c> makes the broker
    /// fetch and cache it.
    /// </summary>
    public static ConformanceCase WithCachedRemoteContext(this ConformanceCase @case, string entityVariable = "entity") => @case
        .Serving("remote", File("@context-minimal-valid.json"))
        .CreateEntityUsing("{remote}", entityVariable)
        .Finally(Http.Delete($"entities/{{{entityVariable}}}"), Delete("{remote|url}"));

    /// <summary>"Create Entity selecting @context": the minimal Testing entity with this <c>@context</c> (a string) and a new id.</summary>
    public static ConformanceCase CreateEntityUsing(this ConformanceCase @case, string contextUrl, string entityVariable, params Check[] checks) => @case
        .NewId(entityVariable, TestingPrefix)
        .Then(Http.Post("entities").LdJson(File("minimal-entity-using-@context.jsonld")
                .Set("$.@context", $"\"{contextUrl}\"")
                .SetId(entityVariable)),
            checks.Length > 0 ? checks : [Expect.Status(201)]);

    private static string WithQuery(string path, params (string Name, string Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value.Length > 0).Select(p => $"{p.Name}={p.Value}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}
